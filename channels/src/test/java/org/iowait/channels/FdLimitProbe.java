package org.iowait.channels;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

import org.iowait.DefaultSelector;

/**
 * Run by {@link FdLimitTest} under {@code prlimit --nofile}: a Poller server on the backend named by {@code args[0]}
 * that accepts until it runs out of fds. It prints {@code port N}, then {@code stalled A R} once accepting has stopped
 * for a second (A accepted, R poll rounds per second meanwhile), then {@code done A E} when {@code args[1]} clients
 * were accepted and ended.
 */
public final class FdLimitProbe {
    private FdLimitProbe() {
    }

    /**
     * Runs one client through accept, a line and its end, so every class on that path is loaded while fds are free:
     * from a class directory (not a jar) loading a class opens a file, which fails at the limit.
     */
    private static void warmUp(Poller poller, ServerSocketChannel server) throws Exception {
        try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(server.getLocalAddress())) {
            client.write(java.nio.ByteBuffer.wrap("warm\n".getBytes()));
            client.shutdownOutput();
            boolean ended = false;
            while (!ended) {
                for (PollResult r : poller.poll(Duration.ofMillis(100))) {
                    ended |= r instanceof PollResult.Received received && received.data().length == 0;
                }
            }
        }
        poller.poll(Duration.ZERO);
        new PollResult.Closed(null, new LimitExceededException("loaded")).toString();
    }

    public static void main(String[] args) throws Exception {
        int expected = Integer.parseInt(args[1]);
        try (Poller poller = new Poller(Buffering.LINE, DefaultSelector.open(args[0]))) {
            ServerSocketChannel server = ServerSocketChannel.open()
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            poller.addServer(server);
            warmUp(poller, server);
            System.out.println("port " + server.socket().getLocalPort());
            int accepted = 0;
            int ended = 0;
            int lines = 0;
            long lastAccept = System.nanoTime();
            long rounds = 0;
            boolean stalled = false;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (ended < expected && System.nanoTime() < deadline) {
                for (PollResult r : poller.poll(Duration.ofMillis(100))) {
                    if (r instanceof PollResult.Accepted) {
                        accepted++;
                        lastAccept = System.nanoTime();
                        rounds = 0;
                    } else if (r instanceof PollResult.Received received) {
                        if (received.data().length == 0) {
                            ended++;
                        } else {
                            lines++;
                        }
                    } else if (r instanceof PollResult.Closed) {
                        ended++;
                    }
                }
                rounds++;
                if (!stalled && accepted > 0 && accepted < expected && System.nanoTime() - lastAccept > 1_000_000_000L) {
                    stalled = true;
                    System.out.println("stalled " + accepted + " " + rounds * 1e9 / (System.nanoTime() - lastAccept));
                }
            }
            System.out.println("done " + accepted + " " + ended + " " + lines);
        }
    }
}
