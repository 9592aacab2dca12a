package org.iowait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import org.iowait.cli.ChatFixture.Client;
import org.iowait.cli.ChatFixture.Log;
import org.iowait.cli.ChatFixture.ServerProcess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat server against hostile and heavy clients: real sockets, bounded time, measured latency, RSS and CPU. */
class ChatLoadTest {
    private static final int LINES = 100_000;
    private static final int LINE_BYTES = 100;
    /** Lines in flight between the sender and the reader: a steady stream, not a burst queued at once. */
    private static final int WINDOW = 64;

    @TempDir
    static Path dir;

    @Test
    @DisplayName("a client that never reads is disconnected; 100,000 lines reach the reader in order, p99 < 50 ms")
    void slowClientDoesNotStallTheRoom() throws Exception {
        Log log = new Log();
        try (ChatServer chat = new ChatServer("127.0.0.1", 0, log.stream);
                Client sender = new Client(chat.port()); Client reader = new Client(chat.port());
                Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), chat.port()));
            String slowName = "127.0.0.1:" + slow.getLocalPort();
            log.await(" joined", 3);
            Semaphore window = new Semaphore(WINDOW);
            long[] latencies = new long[LINES];
            AtomicReference<Throwable> readFailure = new AtomicReference<>();
            Thread readerThread = new Thread(() -> {
                try {
                    String prefix = sender.name + "> ";
                    for (int i = 0; i < LINES; i++) {
                        String line = reader.readLine();
                        long now = System.nanoTime();
                        assertTrue(line.startsWith(prefix), line);
                        String[] fields = line.substring(prefix.length()).split(" ");
                        assertEquals(i, Integer.parseInt(fields[0]), "lines in order, none lost");
                        latencies[i] = now - Long.parseLong(fields[1]);
                        window.release();
                    }
                } catch (Throwable e) {
                    readFailure.set(e);
                    window.release(WINDOW); // let the sender finish
                }
            }, "chat-reader");
            readerThread.start();
            byte[] padding = new byte[LINE_BYTES];
            Arrays.fill(padding, (byte) 'p');
            for (int i = 0; i < LINES && readFailure.get() == null; i++) {
                window.acquire();
                String head = i + " " + System.nanoTime() + " ";
                byte[] line = Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), LINE_BYTES);
                System.arraycopy(padding, 0, line, head.length(), LINE_BYTES - head.length() - 1);
                line[LINE_BYTES - 1] = '\n';
                sender.send(line);
            }
            readerThread.join(ChatFixture.scaledMillis(60_000));
            if (readFailure.get() != null) {
                throw new AssertionError("the reader failed", readFailure.get());
            }
            Arrays.sort(latencies);
            long p50 = latencies[LINES / 2] / 1000;
            long p99 = latencies[LINES * 99 / 100] / 1000;
            System.out.printf("chat: %,d lines, latency p50 %d us, p99 %d us, max %d us%n", LINES, p50, p99,
                    latencies[LINES - 1] / 1000);
            assertTrue(p99 < ChatFixture.scaledMillis(50) * 1000, "p99 latency " + p99 + " us");
            log.await("- " + slowName + " disconnected: the peer is not reading", 1);
        }
    }

    @Test
    @DisplayName("-Xmx64m: a client sending 200 MB with no newline is cut off; RSS stays bounded, others keep chatting")
    void hugeLineUnderSmallHeap() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs /proc for RSS");
        try (ServerProcess server = new ServerProcess(dir, List.of(), "-Xmx64m");
                Client alice = new Client(server.port); Client bob = new Client(server.port);
                Client flood = new Client(server.port)) {
            server.await(" joined", 3);
            long rssBefore = server.rssKiB();
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'z');
            long sent = 0;
            try {
                while (sent < 200L << 20) {
                    flood.out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException cutOff) {
                // the server closed it: expected once it passes the line limit
            }
            server.await("- " + flood.name + " disconnected: a line is longer than the maximum", 1);
            long rssAfter = server.rssKiB();
            System.out.printf("chat -Xmx64m: flood sent %,d bytes before the cut; RSS %,d KiB before, %,d KiB after%n",
                    sent, rssBefore, rssAfter);
            assertTrue(server.process.isAlive(), "the server survives");
            assertTrue(rssAfter < 256 * 1024, "RSS stays bounded: " + rssAfter + " KiB");
            alice.send("still here\n");
            assertEquals(alice.name + "> still here", bob.readLine());
            assertTrue(!server.log().contains("OutOfMemoryError"), server.log());
        }
    }

    @Test
    @DisplayName("prlimit --nofile=64 with 100 clients: no CPU spin at the limit, every line delivered, serves again")
    void fdLimit() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")) && Files.isDirectory(Path.of("/proc/self")),
                "needs prlimit and /proc");
        int clients = 100;
        try (ServerProcess server = new ServerProcess(dir, List.of("/usr/bin/prlimit", "--nofile=64"));
                Client reader = new Client(server.port)) {
            server.await(" joined", 1);
            List<Client> crowd = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    Client c = new Client(server.port);
                    crowd.add(c);
                    c.send("from " + i + "\n");
                }
                Set<String> got = new HashSet<>();
                long joinedAtLimit = awaitQuiet(server);
                assertTrue(joinedAtLimit < clients + 1, "the limit holds some clients back: " + joinedAtLimit);
                long window = ChatFixture.scaledMillis(2_000);
                long ticks = server.cpuTicks();
                long start = System.nanoTime();
                Thread.sleep(window); // measuring CPU use over a stretch of wall time, not waiting for an event
                double cpu = (server.cpuTicks() - ticks) / 100.0 / ((System.nanoTime() - start) / 1e9);
                System.out.printf("chat at nofile=64: %d of %d clients accepted, CPU %.1f%% of one core%n",
                        joinedAtLimit - 1, clients, cpu * 100);
                assertTrue(cpu < 0.25, "no spin at the fd limit: " + cpu * 100 + "% of a core");
                for (Client c : crowd) {
                    c.close();
                }
                try {
                    for (int i = 0; i < clients; i++) {
                        String line = reader.readLine();
                        got.add(line.substring(line.indexOf("> ") + 2));
                    }
                } catch (IOException e) {
                    throw new AssertionError("after " + got.size() + " lines:\n" + server.log(), e);
                }
                for (int i = 0; i < clients; i++) {
                    assertTrue(got.contains("from " + i), "line " + i + " was lost");
                }
            } finally {
                for (Client c : crowd) {
                    c.close();
                }
            }
            try (Client a = new Client(server.port); Client b = new Client(server.port)) {
                server.await("+ " + b.name + " joined", 1);
                server.await("+ " + a.name + " joined", 1);
                a.send("served again\n");
                assertEquals(a.name + "> served again", b.readLine());
            }
        }
    }

    /** @return how many joined, once that number stopped growing for a while (the server is at its fd limit) */
    private static long awaitQuiet(ServerProcess server) throws Exception {
        long deadline = ChatFixture.deadline(30_000);
        long last = -1;
        int stable = 0;
        while (System.nanoTime() < deadline) {
            long joined = ChatFixture.occurrences(server.log(), " joined");
            stable = joined == last ? stable + 1 : 0;
            last = joined;
            if (stable >= 10) {
                return joined;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the number of joined clients never settled:\n" + server.log());
    }
}
