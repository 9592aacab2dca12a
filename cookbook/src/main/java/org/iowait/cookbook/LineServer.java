package org.iowait.cookbook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.iowait.channels.Buffering;
import org.iowait.channels.PollResult;
import org.iowait.channels.Poller;

/** A line server on Poller answering 1,000 clients, one connection each, with the fd count back where it started. */
public final class LineServer {
    private static final int REQUESTS = 1_000;

    public static void main(String[] args) throws Exception {
        try (Poller poller = new Poller(Buffering.LINE);
             ServerSocketChannel server = ServerSocketChannel.open()
                     .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            poller.addServer(server);
            long fdsBefore = serverFds();
            Thread clients = new Thread(() -> {
                for (int i = 0; i < REQUESTS; i++) {
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.socket().getLocalPort())) {
                        new PrintStream(socket.getOutputStream(), true).println("GET " + i);
                        String reply = new BufferedReader(new InputStreamReader(socket.getInputStream())).readLine();
                        if (!reply.equals("200 " + i)) {
                            throw new IllegalStateException("bad reply " + reply);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            clients.start();
            int served = 0;
            int closed = 0;
            while (closed < REQUESTS) {
                for (PollResult result : poller.poll(null)) {
                    if (result instanceof PollResult.Received r && r.data().length > 0) {
                        String line = new String(r.data(), StandardCharsets.US_ASCII).trim();
                        r.channel().write(("200 " + line.substring(4) + "\n").getBytes(StandardCharsets.US_ASCII));
                        served++;
                    } else if (result instanceof PollResult.Received r) {
                        r.channel().close();                           // end of stream: the client hung up
                        closed++;
                    } else if (!(result instanceof PollResult.Accepted)) {
                        closed++;                                      // any other result ends a client too
                    }
                }
            }
            clients.join();
            System.out.println("backend " + poller.backend() + ", requests served " + served);
            System.out.println("open sockets, pipes and event fds before " + fdsBefore + ", after " + serverFds());
        }
    }

    /**
     * Counts what a server could leak: sockets, pipes and epoll/event fds. Files are left out, as the JVM opens some
     * by itself at any moment (its cgroup limits, a jar).
     */
    private static long serverFds() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(LineServer::target)
                    .filter(t -> t.startsWith("socket:") || t.startsWith("pipe:") || t.startsWith("anon_inode:"))
                    .count();
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return ""; // closed meanwhile (the listing's own fd)
        }
    }
}
