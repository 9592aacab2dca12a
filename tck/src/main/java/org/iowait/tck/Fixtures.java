package org.iowait.tck;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import org.iowait.ErrnoException;
import org.iowait.posix.Posix;

/** Real fds for one test, all closed by {@link #close()} (fds the test closed itself are skipped). */
final class Fixtures implements AutoCloseable {
    private final Deque<Object> owned = new ArrayDeque<>();

    /** @return {read end, write end}, non-blocking */
    int[] pipe() throws ErrnoException {
        int[] p = Posix.pipe(true);
        own(p[0]);
        own(p[1]);
        return p;
    }

    /** @return two connected AF_UNIX stream sockets, non-blocking */
    int[] socketpair() throws ErrnoException {
        int[] s = Posix.socketpair(true);
        own(s[0]);
        own(s[1]);
        return s;
    }

    /** @return {master, slave} of a pty */
    int[] pty() {
        int[] p = TckNative.openPty();
        own(p[0]);
        own(p[1]);
        return p;
    }

    /** @return {server-side, client-side} of a TCP connection on loopback, both non-blocking */
    SocketChannel[] tcpPair() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = own(SocketChannel.open(server.getLocalAddress()));
            SocketChannel accepted = own(server.accept());
            client.configureBlocking(false);
            accepted.configureBlocking(false);
            return new SocketChannel[] {accepted, client};
        }
    }

    /** @return {server-side, client-side} of a Unix-domain stream connection, both non-blocking */
    SocketChannel[] unixPair() throws IOException {
        Path dir = Files.createTempDirectory("iowait-tck");
        Path socket = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel client = own(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
            SocketChannel accepted = own(server.accept());
            client.configureBlocking(false);
            accepted.configureBlocking(false);
            return new SocketChannel[] {accepted, client};
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    /** @return a listening TCP server on loopback, non-blocking */
    ServerSocketChannel tcpServer() throws IOException {
        ServerSocketChannel server = own(ServerSocketChannel.open());
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.configureBlocking(false);
        return server;
    }

    /** @return a temporary regular file, deleted at close */
    Path regularFile() throws IOException {
        Path file = Files.createTempFile("iowait-tck", ".bin");
        Files.write(file, new byte[] {1, 2, 3});
        owned.push((Closeable) () -> Files.deleteIfExists(file));
        return file;
    }

    static int closedFd() {
        return Fds.closedFd();
    }

    <T extends Closeable> T own(T closeable) {
        owned.push(closeable);
        return closeable;
    }

    void own(int fd) {
        owned.push(fd);
    }

    static void write(int fd, int bytes) throws ErrnoException {
        int n = Posix.write(fd, new byte[bytes], 0, bytes);
        if (n != bytes) {
            throw new IllegalStateException("short write to fd " + fd + ": " + n);
        }
    }

    static int read(int fd, int max) throws ErrnoException {
        return Posix.read(fd, new byte[max], 0, max);
    }

    static void write(SocketChannel channel, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        long deadline = System.nanoTime() + Tck.scaled(10_000).toNanos();
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0 && System.nanoTime() > deadline) { // a non-blocking channel that stays full
                throw new IllegalStateException("wrote only " + buffer.position() + " of " + bytes + " bytes to "
                        + channel + " in 10 s: the peer does not read");
            }
        }
    }

    /** Closes {@code fd} now (the fixture will not close its number again, which another test may reuse). */
    void closeNow(int fd) throws ErrnoException {
        owned.remove(fd);
        Posix.close(fd);
    }

    @Override
    public void close() {
        while (!owned.isEmpty()) {
            Object item = owned.pop();
            try {
                if (item instanceof Integer fd) {
                    Posix.closeQuietly(fd);
                } else {
                    ((Closeable) item).close();
                }
            } catch (IOException | RuntimeException e) {
                // best effort: the test already reported what mattered
            }
        }
    }
}
