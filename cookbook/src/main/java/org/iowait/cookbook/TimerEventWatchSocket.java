package org.iowait.cookbook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.iowait.DefaultSelector;
import org.iowait.Ready;
import org.iowait.Selector;
import org.iowait.fds.EventFd;
import org.iowait.fds.FileWatch;
import org.iowait.fds.TimerFd;

/** A timer, an eventfd and a file watch beside a socket, in one loop. */
public final class TimerEventWatchSocket {
    public static void main(String[] args) throws Exception {
        Path inbox = Files.createTempDirectory("inbox");
        try (TimerFd tick = TimerFd.open(); EventFd jobs = EventFd.open(); FileWatch watch = FileWatch.open();
             ServerSocketChannel server = ServerSocketChannel.open()
                     .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel peer = server.accept();
             Selector selector = DefaultSelector.open()) {
            selector.register(tick, Selector.READ, "timer");
            selector.register(jobs, Selector.READ, "eventfd");
            selector.register(watch, Selector.READ, "watch");
            selector.register(peer, Selector.READ, "socket");
            tick.schedule(Duration.ofMillis(50), Duration.ofMillis(50));
            watch.watch(inbox);
            Thread worker = new Thread(() -> {
                try {
                    jobs.signal(3);                                      // a worker finished 3 jobs
                    Files.writeString(inbox.resolve("order.txt"), "1 coffee");
                    client.write(ByteBuffer.wrap("ping".getBytes()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            Set<String> seen = new HashSet<>();
            long ticks = 0;
            while (ticks < 3 || seen.size() < 4) {
                for (Ready ready : selector.select(null)) {
                    String what = (String) ready.key().attachment();
                    switch (what) {
                        case "timer" -> ticks += tick.drain();           // expirations since the last drain
                        case "eventfd" -> System.out.println("jobs done: " + jobs.drain());
                        case "watch" -> {
                            for (FileWatch.Event e : watch.drain()) {
                                System.out.println("file " + e.kind() + " " + e.path().getFileName());
                            }
                        }
                        default -> System.out.println("socket: " + peer.read(ByteBuffer.allocate(64)) + " bytes");
                    }
                    seen.add(what);
                }
            }
            worker.join();
            System.out.println("timer ticks: " + (ticks >= 3 ? "3 or more" : ticks));
        } finally {
            Files.deleteIfExists(inbox.resolve("order.txt"));
            Files.delete(inbox);
        }
    }
}
