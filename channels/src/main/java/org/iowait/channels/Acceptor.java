package org.iowait.channels;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

import org.iowait.FileDescriptors;
import org.iowait.posix.Posix;

/**
 * One listening socket of a {@link Poller}: accepts a bounded batch per round, and pauses when accept fails (EMFILE,
 * ENFILE: the process or system is out of fds; ENOBUFS, ENOMEM) instead of failing the round or spinning on a
 * level-triggered socket that stays readable. The pending connection stays in the kernel's backlog; the poller retries
 * when it closes a channel (an fd came free) or after {@link #RETRY_NANOS}.
 */
final class Acceptor {
    /** Clients accepted per server per round, so a connection storm cannot starve the connected clients. */
    static final int BATCH = 64;
    /** How long a paused server waits before trying again when no channel closed meanwhile. */
    static final long RETRY_NANOS = 250_000_000L;

    final Object socket;
    final int fd;
    private long pausedAt = -1;
    private IOException pauseCause;

    Acceptor(Object socket) throws IOException {
        if (socket instanceof ServerSocketChannel channel) {
            channel.configureBlocking(false);
            JdkCloseReady.ensure();
        } else if (socket instanceof Integer fd) {
            Posix.setNonBlocking(fd, true);
        } else {
            throw new IllegalArgumentException("a server is a ServerSocketChannel or an Integer listening fd, not "
                    + (socket == null ? "null" : socket.getClass().getName()));
        }
        this.socket = socket;
        this.fd = FileDescriptors.fdOf(socket);
    }

    boolean isPaused() {
        return pausedAt >= 0;
    }

    /** @return the last accept failure that paused this server, or null (for diagnostics) */
    IOException pauseCause() {
        return pauseCause;
    }

    /** @return true when a paused server's retry time has come */
    boolean retryDue(long now) {
        return isPaused() && now - pausedAt >= RETRY_NANOS;
    }

    /** @return nanoseconds until the retry, or -1 when not paused */
    long untilRetry(long now) {
        return isPaused() ? Math.max(0, RETRY_NANOS - (now - pausedAt)) : -1;
    }

    void resume() {
        pausedAt = -1;
    }

    /**
     * Accepts up to {@link #BATCH} clients, creating each channel with {@code buffering}.
     *
     * @return the accepted clients; the server is {@link #isPaused() paused} when accept failed
     */
    List<SocketChannel> accept(Buffering buffering, List<SocketAddress> addresses) {
        List<SocketChannel> clients = new java.util.ArrayList<>();
        try {
            while (clients.size() < BATCH) {
                SocketChannel client = acceptOne(buffering, addresses);
                if (client == null) {
                    break;
                }
                clients.add(client);
            }
        } catch (IOException e) {
            pausedAt = System.nanoTime();
            pauseCause = e;
        }
        return clients;
    }

    private SocketChannel acceptOne(Buffering buffering, List<SocketAddress> addresses) throws IOException {
        if (socket instanceof ServerSocketChannel jdk) {
            java.nio.channels.SocketChannel accepted = jdk.accept();
            if (accepted == null) {
                return null;
            }
            try {
                // A Poller writes each message as it is queued; with Nagle's algorithm, a small write behind unacknowledged
                // data waits for the peer's delayed ACK, up to 40 ms on Linux (measured: the chat's p99 went from 43 ms to 8)
                if (accepted.getLocalAddress() instanceof java.net.InetSocketAddress) {
                    accepted.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                }
                SocketChannel client = new SocketChannel(accepted, buffering);
                addresses.add(client.remoteAddress());
                return client;
            } catch (IOException | RuntimeException e) {
                accepted.close();
                throw e;
            }
        }
        int client = Posix.accept(fd);
        if (client == Posix.WOULD_BLOCK) {
            return null;
        }
        try {
            SocketChannel channel = new SocketChannel(client, buffering);
            addresses.add(null);
            return channel;
        } catch (IOException | RuntimeException e) {
            Posix.closeQuietly(client);
            throw e;
        }
    }

    void close() throws IOException {
        if (socket instanceof ServerSocketChannel channel) {
            channel.close();
        } else {
            Posix.close(fd);
        }
    }

    /**
     * The JDK sets up what closes its sockets ({@code sun.nio.ch.FileDispatcherImpl}, which opens a socket pair of its
     * own) on the first close. A server that first closes a client at its fd limit would fail that set-up, and with it
     * every later close: so it is done here, while fds are free. Nothing happens where the class does not exist.
     */
    private static final class JdkCloseReady {
        static {
            try {
                Class.forName("sun.nio.ch.FileDispatcherImpl", true, ServerSocketChannel.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError another) {
                // another JDK: its close does not work this way
            }
        }

        static void ensure() {
            // loading this class ran the static block once
        }
    }
}
