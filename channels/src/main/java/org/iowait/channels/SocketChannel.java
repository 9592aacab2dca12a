package org.iowait.channels;

import java.io.IOException;
import java.net.SocketAddress;

import org.iowait.FileDescriptors;
import org.iowait.posix.Posix;

/**
 * A channel over a connected stream socket: a JDK {@link java.nio.channels.SocketChannel} (TCP or Unix-domain) or a
 * raw socket fd (the seed's {@code SocketChannel}). It takes ownership and makes the socket non-blocking.
 *
 * <pre>{@code
 * var jdk = java.nio.channels.SocketChannel.open(new InetSocketAddress("127.0.0.1", 8080));
 * try (SocketChannel chan = new SocketChannel(jdk, Buffering.LINE)) {
 *     chan.write("PING\n".getBytes());
 * }
 * }</pre>
 */
public final class SocketChannel extends FdChannel {
    private final java.nio.channels.SocketChannel jdk;

    public SocketChannel(Object socket) throws IOException {
        this(socket, Buffering.BYTES);
    }

    /**
     * @param socket a JDK {@code SocketChannel} or an {@code Integer} socket fd
     * @throws IllegalArgumentException any other type
     */
    public SocketChannel(Object socket, Buffering buffering) throws IOException {
        this(jdkOrNull(socket), fdOf(socket), buffering);
    }

    private SocketChannel(java.nio.channels.SocketChannel jdk, int fd, Buffering buffering) throws IOException {
        super(fd, fd, buffering);
        this.jdk = jdk;
    }

    private static java.nio.channels.SocketChannel jdkOrNull(Object socket) throws IOException {
        if (socket instanceof java.nio.channels.SocketChannel channel) {
            channel.configureBlocking(false); // through the JDK, so its own view of the mode stays true
            return channel;
        }
        return null;
    }

    private static int fdOf(Object socket) {
        if (socket instanceof java.nio.channels.SocketChannel || socket instanceof Integer) {
            return FileDescriptors.fdOf(socket);
        }
        throw new IllegalArgumentException("a SocketChannel wraps a java.nio.channels.SocketChannel or an Integer fd, not "
                + (socket == null ? "null" : socket.getClass().getName()));
    }

    /** @return the peer's address, or null for a raw fd or when unknown */
    public SocketAddress remoteAddress() {
        try {
            return jdk != null ? jdk.getRemoteAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** @return the JDK channel this wraps, or null for a raw fd (for tests of what the Poller sets on it) */
    java.nio.channels.SocketChannel jdkChannel() {
        return jdk;
    }

    @Override
    void closeFds(int faucet, int sink) throws IOException {
        if (jdk != null) {
            jdk.close();
        } else {
            Posix.close(faucet);
        }
    }
}
