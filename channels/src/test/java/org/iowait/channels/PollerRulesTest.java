package org.iowait.channels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.iowait.DefaultSelector;
import org.iowait.ErrnoException;
import org.iowait.FileDescriptors;
import org.iowait.posix.Posix;
import org.iowait.spi.SelectorProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of a Poller that must survive any peer, on every available backend, with real loopback sockets. */
class PollerRulesTest {
    private static final double FACTOR = Double.parseDouble(System.getProperty("iowait.tck.timeoutFactor", "1"));

    static Stream<SelectorProvider> providers() {
        return DefaultSelector.providers().stream().filter(SelectorProvider::isAvailable);
    }

    /** A connected TCP pair on loopback: the server side as an iowait channel, the client as a JDK channel. */
    record Pair(SocketChannel near, java.nio.channels.SocketChannel far) implements AutoCloseable {
        static Pair open(Buffering buffering) throws IOException {
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                java.nio.channels.SocketChannel far = java.nio.channels.SocketChannel.open();
                far.setOption(StandardSocketOptions.SO_RCVBUF, 8192); // small buffers: a full socket comes soon
                far.connect(server.getLocalAddress());
                java.nio.channels.SocketChannel accepted = server.accept();
                accepted.setOption(StandardSocketOptions.SO_SNDBUF, 8192);
                return new Pair(new SocketChannel(accepted, buffering), far);
            }
        }

        @Override
        public void close() throws IOException {
            near.close();
            far.close();
        }
    }

    private static long deadline(long millis) {
        return System.nanoTime() + (long) (millis * FACTOR) * 1_000_000L;
    }

    /** Polls until {@code done} holds for what was collected; fails at a scaled deadline. */
    private static List<PollResult> pollUntil(Poller poller, Predicate<List<PollResult>> done) throws IOException {
        List<PollResult> all = new ArrayList<>();
        long deadline = deadline(10_000);
        while (!done.test(all)) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting; got " + all);
            all.addAll(poller.poll(Duration.ofMillis(20)));
        }
        return all;
    }

    private static long count(List<PollResult> results, Class<?> type) {
        return results.stream().filter(type::isInstance).count();
    }

    private static byte[] pattern(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + (i >> 8));
        }
        return data;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void writesNeverBlockAndFlushInOrderWithoutSpinning(SelectorProvider provider) throws Exception {
        byte[] data = pattern(8 << 20);
        try (Poller poller = new Poller(Buffering.BYTES, provider.open()); Pair pair = Pair.open(Buffering.BYTES)) {
            poller.register(pair.near());
            pair.near().setMaxQueuedOutput(16 << 20);
            pair.near().write(data, new byte[] {42});         // far more than the socket buffers hold
            assertTrue(pair.near().queuedOutput() > 0, "the rest is queued, the call returned");
            pair.far().configureBlocking(false);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
            long deadline = deadline(20_000);
            while (got.size() < data.length + 1) {
                assertTrue(System.nanoTime() < deadline, "flushed " + got.size());
                assertTrue(poller.poll(Duration.ofMillis(5)).isEmpty());
                buf.clear();
                int n = pair.far().read(buf);
                got.write(buf.array(), 0, Math.max(n, 0));
            }
            byte[] all = got.toByteArray();
            assertArrayEquals(data, java.util.Arrays.copyOf(all, data.length), "every byte, in order");
            assertEquals(42, all[data.length]);
            assertEquals(0, pair.near().queuedOutput());
            long start = System.nanoTime();
            assertTrue(poller.poll(Duration.ofMillis(100)).isEmpty());
            assertTrue(System.nanoTime() - start >= 90_000_000L, "nothing left to write: no WRITE interest, no spin");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aPeerThatDoesNotReadIsClosedWithTheReasonWhileOthersGoOn(SelectorProvider provider) throws Exception {
        try (Poller poller = new Poller(Buffering.LINE, provider.open()); Pair slow = Pair.open(Buffering.LINE);
                Pair other = Pair.open(Buffering.LINE)) {
            poller.register(slow.near());
            poller.register(other.near());
            slow.near().setMaxQueuedOutput(256 * 1024);
            byte[] chunk = new byte[64 * 1024];
            List<PollResult> results = new ArrayList<>();
            for (int i = 0; i < 200 && results.isEmpty(); i++) {
                slow.near().write(chunk); // never blocks; past the limit the queue is dropped and reported
                results.addAll(poller.poll(Duration.ZERO));
            }
            other.far().write(ByteBuffer.wrap(ChannelsTest.b("still\n")));
            results.addAll(pollUntil(poller, r -> count(r, PollResult.Received.class) == 1));
            assertEquals(1, count(results, PollResult.Closed.class), results.toString());
            PollResult.Closed closed = (PollResult.Closed) results.get(0);
            assertSame(slow.near(), closed.channel());
            assertTrue(closed.cause().getMessage().startsWith("the peer is not reading"), closed.cause().getMessage());
            assertThrows(EndpointClosedException.class, () -> slow.near().write(chunk), "the channel is closed");
            assertEquals("still\n", ChannelsTest.s(((PollResult.Received) results.get(results.size() - 1)).data()),
                    "the other channel is served");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void theOutputLimitIsReportedOnceAsClosed(SelectorProvider provider) throws Exception {
        try (Poller poller = new Poller(Buffering.BYTES, provider.open()); Pair slow = Pair.open(Buffering.BYTES)) {
            poller.register(slow.near());
            slow.near().setMaxQueuedOutput(128 * 1024);
            slow.near().write(new byte[8 << 20]);
            List<PollResult> results = pollUntil(poller, r -> !r.isEmpty());
            PollResult.Closed closed = assertInstanceOf(PollResult.Closed.class, results.get(0));
            assertSame(slow.near(), closed.channel());
            assertInstanceOf(LimitExceededException.class, closed.cause());
            assertTrue(closed.cause().getMessage().contains("the peer is not reading"), closed.cause().getMessage());
            assertEquals(1, results.size());
            assertTrue(poller.poll(Duration.ofMillis(50)).isEmpty(), "reported once");
            assertThrows(EndpointClosedException.class, () -> slow.near().write(new byte[1]));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aLineTooLongIsClosedWithTheReasonAfterTheLinesBeforeIt(SelectorProvider provider) throws Exception {
        try (Poller poller = new Poller(Buffering.LINE, provider.open()); Pair pair = Pair.open(Buffering.LINE)) {
            pair.near().setMaxLineLength(16);
            poller.register(pair.near());
            pair.far().write(ByteBuffer.wrap(ChannelsTest.b("ok\n" + "x".repeat(40))));
            List<PollResult> results = pollUntil(poller, r -> count(r, PollResult.Closed.class) == 1);
            assertEquals("ok\n", ChannelsTest.s(((PollResult.Received) results.get(0)).data()));
            PollResult.Closed closed = (PollResult.Closed) results.get(1);
            assertTrue(closed.cause().getMessage().contains("longer than the maximum of 16 bytes"), closed.cause().getMessage());
            assertEquals(-1, pair.far().read(ByteBuffer.allocate(1)), "the poller closed the connection");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aFastSenderGetsABoundedShareOfEachPoll(SelectorProvider provider) throws Exception {
        try (Poller poller = new Poller(Buffering.LINE, provider.open()); Pair fast = Pair.open(Buffering.LINE);
                Pair quiet = Pair.open(Buffering.LINE)) {
            poller.setReadBudget(10);
            poller.register(fast.near());
            poller.register(quiet.near());
            fast.far().write(ByteBuffer.wrap(ChannelsTest.b("aaaa\n".repeat(100))));
            quiet.far().write(ByteBuffer.wrap(ChannelsTest.b("q\n")));
            List<PollResult> all = pollUntil(poller, r -> r.size() == 101);
            int maxPerRound = 0;
            // replay per round: no round may hold more than the budget from the fast channel
            poller.setReadBudget(10);
            fast.far().write(ByteBuffer.wrap(ChannelsTest.b("bbbb\n".repeat(20))));
            int got = 0;
            long deadline = deadline(10_000);
            while (got < 20) {
                assertTrue(System.nanoTime() < deadline);
                List<PollResult> round = poller.poll(Duration.ofMillis(20));
                maxPerRound = Math.max(maxPerRound, round.size());
                got += round.size();
            }
            assertTrue(maxPerRound <= 2, "at most 10 bytes (two 5-byte lines) per poll: " + maxPerRound);
            assertTrue(all.stream().anyMatch(r -> ChannelsTest.s(((PollResult.Received) r).data()).equals("q\n")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void theLinesOfOneReadComeInOneRoundAndBytesLeftInTheKernelInTheNext(SelectorProvider provider) throws Exception {
        // The poller reads a LINE channel once per round and relies on level-triggered readiness for the rest: a
        // 200 KiB line spans several reads and rounds, and nothing may be lost or wait for more input.
        String big = "x".repeat(200 * 1024) + "\n";
        try (Poller poller = new Poller(Buffering.LINE, provider.open()); Pair pair = Pair.open(Buffering.LINE)) {
            poller.register(pair.near());
            pair.far().write(ByteBuffer.wrap(ChannelsTest.b("a\nb\nc\n")));
            List<PollResult> first = List.of();
            long deadline = deadline(10_000);
            while (first.isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "no line came");
                first = poller.poll(Duration.ofMillis(20));
            }
            assertEquals(List.of("a\n", "b\n", "c\n"),
                    first.stream().map(r -> ChannelsTest.s(((PollResult.Received) r).data())).toList(),
                    "the three lines of one read, in one round");
            Thread writer = new Thread(() -> {
                try {
                    pair.far().write(ByteBuffer.wrap(ChannelsTest.b(big + "d\n"))); // blocking: more than a socket holds
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            List<PollResult> rest = pollUntil(poller, r -> r.size() == 2);
            writer.join();
            assertEquals(big, ChannelsTest.s(((PollResult.Received) rest.get(0)).data()));
            assertEquals("d\n", ChannelsTest.s(((PollResult.Received) rest.get(1)).data()));
            assertTrue(poller.poll(Duration.ofMillis(50)).isEmpty(), "nothing more");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void oneSelectsReadyChannelsAreServedInSlicesBeforeTheNextSelect(SelectorProvider provider) throws Exception {
        int clients = Poller.SLICE + 36;
        List<int[]> pairs = new ArrayList<>();
        try (Poller poller = new Poller(Buffering.LINE, provider.open())) {
            List<SocketChannel> channels = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int[] s = Posix.socketpair(true);
                pairs.add(s);
                SocketChannel channel = new SocketChannel(s[0], Buffering.LINE);
                channels.add(channel);
                poller.register(channel);
                Posix.write(s[1], ChannelsTest.b(i + "\n"), 0, (i + "\n").length());
            }
            List<PollResult> first = poller.poll(Duration.ofSeconds(10));
            assertEquals(Poller.SLICE, first.size(), "one slice of the ready channels");
            Channel again = ((PollResult.Received) first.get(0)).channel();
            int[] againPair = pairs.get(channels.indexOf(again));
            Posix.write(againPair[1], ChannelsTest.b("again\n"), 0, 6); // ready again: served after the others
            List<PollResult> all = new ArrayList<>(first);
            all.addAll(pollUntil(poller, r -> r.size() == clients + 1 - Poller.SLICE));
            java.util.Set<Channel> served = new java.util.HashSet<>();
            for (PollResult r : all.subList(0, clients)) {
                assertTrue(served.add(((PollResult.Received) r).channel()), "each channel once, then the new line: " + r);
            }
            PollResult last = all.get(clients);
            assertSame(again, ((PollResult.Received) last).channel());
            assertEquals("again\n", ChannelsTest.s(((PollResult.Received) last).data()));
        } finally {
            for (int[] s : pairs) {
                Posix.closeQuietly(s[1]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void endOfStreamIsReportedOnceAndTheReplyStillGoesOut(SelectorProvider provider) throws Exception {
        try (Poller poller = new Poller(Buffering.LINE, provider.open()); Pair pair = Pair.open(Buffering.LINE)) {
            poller.register(pair.near());
            pair.far().write(ByteBuffer.wrap(ChannelsTest.b("question\n")));
            pair.far().shutdownOutput();
            List<PollResult> results = pollUntil(poller, r -> r.size() == 2);
            assertEquals("question\n", ChannelsTest.s(((PollResult.Received) results.get(0)).data()));
            assertEquals(0, ((PollResult.Received) results.get(1)).data().length, "then the end, once");
            byte[] reply = pattern(4 << 20);
            pair.near().write(reply);                               // to a half-closed peer: queued and flushed
            pair.far().configureBlocking(false);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
            long deadline = deadline(20_000);
            for (int n = 0; n >= 0; ) {
                assertTrue(System.nanoTime() < deadline, "got " + got.size());
                assertTrue(poller.poll(Duration.ofMillis(5)).isEmpty(), "the end is not reported again");
                buf.clear();
                n = pair.far().read(buf);
                got.write(buf.array(), 0, Math.max(n, 0));
            }
            assertArrayEquals(reply, got.toByteArray(), "the whole reply, then end of stream: closed once flushed");
            assertThrows(EndpointClosedException.class, () -> pair.near().write(new byte[1]));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aResetIsOneClosedResultAndOtherChannelsLoseNothing(SelectorProvider provider) throws Exception {
        try (Poller poller = new Poller(Buffering.LINE, provider.open()); Pair reset = Pair.open(Buffering.LINE);
                Pair other = Pair.open(Buffering.LINE)) {
            poller.register(reset.near());
            poller.register(other.near());
            reset.far().write(ByteBuffer.wrap(ChannelsTest.b("before\nhalf")));
            other.far().write(ByteBuffer.wrap(ChannelsTest.b("y\n")));
            reset.far().setOption(StandardSocketOptions.SO_LINGER, 0);
            reset.far().close();                                       // RST
            List<PollResult> results = pollUntil(poller, r -> count(r, PollResult.Closed.class) == 1
                    && count(r, PollResult.Received.class) == 2);
            List<String> lines = results.stream().filter(r -> r instanceof PollResult.Received)
                    .map(r -> ChannelsTest.s(((PollResult.Received) r).data())).sorted().toList();
            assertEquals(List.of("before\n", "y\n"), lines, "lines before the reset, and the other channel's");
            PollResult.Closed closed = (PollResult.Closed) results.stream()
                    .filter(r -> r instanceof PollResult.Closed).findFirst().orElseThrow();
            assertSame(reset.near(), closed.channel());
            assertEquals("ECONNRESET", ((ErrnoException) closed.cause()).errnoName());
            assertThrows(EndpointClosedException.class, () -> reset.near().read(), "closed by the poller");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aChannelClosedOutsideThePollerCannotBreakTheNextOneWithItsFd(SelectorProvider provider) throws Exception {
        try (Poller poller = new Poller(Buffering.LINE, provider.open())) {
            Pair first = Pair.open(Buffering.LINE);
            poller.register(first.near());
            int number = first.near().fd();
            Thread closer = new Thread(() -> {
                try {
                    first.close(); // not the polling thread, and no unregister
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            closer.start();
            closer.join();
            int[] s = Posix.socketpair(true);
            if (s[1] == number) {
                s = new int[] {s[1], s[0]};
            } else if (s[0] != number) {
                assumeFalse(Posix.isOpen(number), "fd " + number + " was taken by something else");
                Posix.dup2(s[0], number); // the old number for the new socket, as accept would give it
                Posix.close(s[0]);
                s[0] = number;
            }
            try (SocketChannel reused = new SocketChannel(s[0], Buffering.LINE)) {
                poller.register(reused);
                Posix.write(s[1], ChannelsTest.b("fresh\n"), 0, 6);
                List<PollResult> results = pollUntil(poller, r -> !r.isEmpty());
                assertEquals(1, results.size(), results.toString());
                assertSame(reused, ((PollResult.Received) results.get(0)).channel());
                assertEquals("fresh\n", ChannelsTest.s(((PollResult.Received) results.get(0)).data()));
            } finally {
                Posix.close(s[1]);
            }
        }
    }

    @Test
    void acceptedTcpClientsSendEachWriteAtOnce() throws Exception {
        try (Poller poller = new Poller(Buffering.LINE);
                ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            poller.addServer(server);
            try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(server.getLocalAddress())) {
                PollResult.Accepted accepted = (PollResult.Accepted) pollUntil(poller, r -> !r.isEmpty()).get(0);
                SocketChannel channel = accepted.client();
                assertTrue(channel.jdkChannel().getOption(StandardSocketOptions.TCP_NODELAY),
                        "Nagle's algorithm would hold a small write for the peer's delayed ACK");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void acceptedClientsAreClosedAtTheirEnd(SelectorProvider provider) throws Exception {
        try (Poller poller = new Poller(Buffering.LINE, provider.open());
                ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            poller.addServer(server);
            java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(server.getLocalAddress());
            PollResult.Accepted accepted = (PollResult.Accepted) pollUntil(poller, r -> !r.isEmpty()).get(0);
            int fd = FileDescriptors.fdOf(accepted.client());
            client.close();
            pollUntil(poller, r -> !r.isEmpty());
            poller.poll(Duration.ZERO); // the round after the end: nothing queued, so the channel is closed
            assertThrows(EndpointClosedException.class, () -> accepted.client().write(new byte[1]));
            assertFalse(Posix.isOpen(fd), "the accepted client's fd was freed");
        }
    }

    @Test
    void withoutAPollerWriteBlocksUntilItsTimeout() throws Exception {
        try (Pair pair = Pair.open(Buffering.BYTES)) {
            pair.near().setWriteTimeout(Duration.ofMillis(100));
            InterruptedIOException e = assertThrows(InterruptedIOException.class,
                    () -> pair.near().write(new byte[64 << 20]));
            assertTrue(e.bytesTransferred > 0 && e.getMessage().contains("write timeout"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pair.near().setWriteTimeout(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> pair.near().setMaxLineLength(0));
            assertThrows(IllegalArgumentException.class, () -> pair.near().setMaxQueuedOutput(-1));
        }
    }
}
