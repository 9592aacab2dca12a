package org.iowait.channels;

import org.iowait.DefaultSelector;
import org.iowait.IOEvent;
import org.iowait.IOWait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.iowait.posix.Posix;
import org.iowait.spi.SelectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IOWaitTest {
    private final List<int[]> pairs = new ArrayList<>();

    static Stream<SelectorProvider> providers() {
        return DefaultSelector.providers().stream().filter(SelectorProvider::isAvailable);
    }

    private int[] socketpair() throws IOException {
        int[] s = Posix.socketpair(true);
        pairs.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        for (int[] p : pairs) {
            Posix.closeQuietly(p[0]);
            Posix.closeQuietly(p[1]);
        }
    }

    @Test
    @DisplayName("the seed's socketpair example, in Java (as in the IOWait Javadoc): readable after a write, then nothing")
    void seedExample() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        SocketChannel a = SocketChannel.open(server.getLocalAddress());
        SocketChannel b = server.accept();
        try (server; a; b; IOWait waitobj = new IOWait()) {
            waitobj.watch(a, true, false);
            b.write(ByteBuffer.wrap("this is a test".getBytes()));
            List<IOEvent> events = waitobj.await();
            assertEquals(List.of(new IOEvent(a, true, false)), events);
            ByteBuffer buf = ByteBuffer.allocate(14);
            assertEquals(14, a.read(buf));
            assertEquals("this is a test", new String(buf.array()));
            assertEquals(List.of(), waitobj.wait(Duration.ZERO));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    @DisplayName("await(Duration), the name Object.wait(long) cannot shadow: times out empty, reports a ready fd, "
            + "refuses after close")
    void awaitWithTimeout(SelectorProvider provider) throws Exception {
        int[] s = socketpair();
        IOWait w = open(provider);
        try (w) {
            w.watch(s[0], true, false);
            long start = System.nanoTime();
            assertEquals(List.of(), w.await(Duration.ofMillis(50)));
            assertTrue(System.nanoTime() - start >= 50_000_000L, "waited out its timeout");
            Posix.write(s[1], new byte[] {1}, 0, 1);
            assertEquals(List.of(new IOEvent(s[0], true, false)), w.await(Duration.ofSeconds(5)));
        }
        assertThrows(IllegalStateException.class, () -> w.await(Duration.ZERO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    @DisplayName("wait(null) and await() block until another thread makes a watched fd ready")
    void waitWithoutTimeoutBlocks(SelectorProvider provider) throws Exception {
        int[] s = socketpair();
        try (IOWait w = new IOWait(provider.open())) {
            w.watch(s[0], true, false);
            for (int round = 0; round < 2; round++) {
                long start = System.nanoTime();
                Thread writer = new Thread(() -> {
                    try {
                        Thread.sleep(200);
                        Posix.write(s[1], new byte[] {7}, 0, 1);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                writer.start();
                List<IOEvent> events = round == 0 ? w.wait(null) : w.await();
                long waitedMillis = (System.nanoTime() - start) / 1_000_000;
                writer.join();
                assertEquals(List.of(new IOEvent(s[0], true, false)), events);
                assertTrue(waitedMillis >= 150, "blocked until the write, not " + waitedMillis + " ms");
                assertEquals(1, Posix.read(s[0], new byte[8], 0, 8));
            }
        }
    }

    private static IOWait open(SelectorProvider provider) throws IOException {
        return new IOWait(provider.open());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    @DisplayName("watch with neither read nor write is refused and watches nothing")
    void watchNeither(SelectorProvider provider) throws IOException {
        int[] s = socketpair();
        try (IOWait w = open(provider)) {
            assertThrows(IllegalArgumentException.class, () -> w.watch(s[0], false, false));
            assertEquals(List.of(), w.watched());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    @DisplayName("watching again replaces the interest")
    void rewatchReplaces(SelectorProvider provider) throws IOException {
        int[] s = socketpair();
        try (IOWait w = open(provider)) {
            w.watch(s[0], true, false);
            assertEquals(List.of(), w.wait(Duration.ZERO), "read only, nothing to read");
            w.watch(s[0], false, true);
            assertEquals(List.of(new IOEvent(s[0], false, true)), w.watched());
            assertEquals(List.of(new IOEvent(s[0], false, true)), w.wait(Duration.ofSeconds(1)));
            Posix.write(s[1], new byte[] {1}, 0, 1);
            w.watch(s[0], true, false);
            assertEquals(List.of(new IOEvent(s[0], true, false)), w.wait(Duration.ofSeconds(1)), "write dropped");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    @DisplayName("one event per fd, read and write merged")
    void oneMergedEventPerFd(SelectorProvider provider) throws IOException {
        int[] s = socketpair();
        int[] t = socketpair();
        try (IOWait w = open(provider)) {
            w.watch(s[0], true, true);
            w.watch(t[0], true, true);
            Posix.write(s[1], new byte[] {1, 2}, 0, 2);
            Set<IOEvent> got = new HashSet<>(w.wait(Duration.ofSeconds(1)));
            assertEquals(Set.of(new IOEvent(s[0], true, true), new IOEvent(t[0], false, true)), got);
            assertEquals(2, w.wait(Duration.ofSeconds(1)).size(), "no fd appears twice");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    @DisplayName("wait(0) with nothing ready returns an empty list at once")
    void waitZeroNothingReady(SelectorProvider provider) throws IOException {
        int[] s = socketpair();
        try (IOWait w = open(provider)) {
            w.watch(s[0], true, false);
            long start = System.nanoTime();
            assertEquals(List.of(), w.wait(Duration.ZERO));
            assertTrue(System.nanoTime() - start < 500_000_000L, "wait(0) does not block");
            assertEquals(List.of(), w.wait(Duration.ofMillis(20)), "nor does anything become ready by itself");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    @DisplayName("level-triggered: reported again on every wait until drained")
    void levelTriggeredUntilDrained(SelectorProvider provider) throws IOException {
        int[] s = socketpair();
        try (IOWait w = open(provider)) {
            w.watch(s[0], true, false);
            Posix.write(s[1], new byte[] {1, 2, 3}, 0, 3);
            for (int i = 0; i < 3; i++) {
                assertEquals(List.of(new IOEvent(s[0], true, false)), w.wait(Duration.ofSeconds(1)), "wait " + i);
            }
            assertEquals(2, Posix.read(s[0], new byte[2], 0, 2));
            assertEquals(List.of(new IOEvent(s[0], true, false)), w.wait(Duration.ofSeconds(1)), "one byte left");
            assertEquals(1, Posix.read(s[0], new byte[2], 0, 2));
            assertEquals(List.of(), w.wait(Duration.ofMillis(20)), "drained");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    @DisplayName("wait with nothing watched is refused (it could never end); so after unwatch and clear")
    void waitNothingWatched(SelectorProvider provider) throws IOException {
        int[] s = socketpair();
        try (IOWait w = open(provider)) {
            assertThrows(IllegalStateException.class, () -> w.wait(Duration.ZERO));
            assertThrows(IllegalStateException.class, w::await);
            w.watch(s[0], true, false);
            w.unwatch(s[0]);
            assertThrows(IllegalStateException.class, () -> w.wait(null));
            w.watch(s[0], true, false);
            w.watch(s[1], false, true);
            w.clear();
            assertEquals(List.of(), w.watched());
            assertThrows(IllegalStateException.class, () -> w.wait(Duration.ZERO));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    @DisplayName("unwatch of an unknown object throws NoSuchElementException and changes nothing")
    void unwatchUnknown(SelectorProvider provider) throws IOException {
        int[] s = socketpair();
        try (IOWait w = open(provider)) {
            assertThrows(NoSuchElementException.class, () -> w.unwatch(s[0]));
            w.watch(s[0], true, false);
            assertThrows(NoSuchElementException.class, () -> w.unwatch(s[1]));
            assertEquals(List.of(new IOEvent(s[0], true, false)), w.watched());
            w.unwatch(s[0]);
            assertThrows(NoSuchElementException.class, () -> w.unwatch(s[0]), "twice");
        }
    }

    @Test
    @DisplayName("after close every method but close and isClosed throws IllegalStateException")
    void closed() throws IOException {
        int[] s = socketpair();
        IOWait w = new IOWait();
        w.watch(s[0], true, false);
        w.close();
        w.close();
        assertTrue(w.isClosed());
        assertThrows(IllegalStateException.class, () -> w.watch(s[0], true, false));
        assertThrows(IllegalStateException.class, () -> w.unwatch(s[0]));
        assertThrows(IllegalStateException.class, () -> w.wait(Duration.ZERO));
        assertThrows(IllegalStateException.class, w::await);
        assertThrows(IllegalStateException.class, w::watched);
        assertThrows(IllegalStateException.class, w::clear);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    @DisplayName("500 random watch/unwatch/write/read/wait steps agree with a model")
    void randomAgainstModel(SelectorProvider provider) throws IOException {
        Random random = new Random(42);
        int[][] fds = new int[8][];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = socketpair();
        }
        Map<Integer, int[]> watched = new HashMap<>(); // fd -> {read, write}
        Set<Integer> hasData = new HashSet<>();
        try (IOWait w = new IOWait(provider.open())) {
            for (int step = 0; step < 500; step++) {
                int i = random.nextInt(fds.length);
                int fd = fds[i][0];
                switch (random.nextInt(5)) {
                    case 0 -> {
                        boolean read = random.nextBoolean();
                        boolean write = !read || random.nextBoolean();
                        w.watch(fd, read, write);
                        watched.put(fd, new int[] {read ? 1 : 0, write ? 1 : 0});
                    }
                    case 1 -> {
                        if (watched.remove(fd) != null) {
                            w.unwatch(fd);
                        } else {
                            assertThrows(NoSuchElementException.class, () -> w.unwatch(fd));
                        }
                    }
                    case 2 -> {
                        Posix.write(fds[i][1], new byte[] {1}, 0, 1);
                        hasData.add(fd);
                    }
                    case 3 -> {
                        while (Posix.read(fd, new byte[64], 0, 64) > 0) {
                            // drain
                        }
                        hasData.remove(fd);
                    }
                    default -> {
                        if (watched.isEmpty()) {
                            assertThrows(IllegalStateException.class, () -> w.wait(Duration.ZERO));
                            continue;
                        }
                        Set<IOEvent> expected = new HashSet<>();
                        watched.forEach((f, rw) -> {
                            boolean read = rw[0] == 1 && hasData.contains(f);
                            boolean write = rw[1] == 1; // a socketpair with room is always writable
                            if (read || write) {
                                expected.add(new IOEvent(f, read, write));
                            }
                        });
                        Set<IOEvent> got = new HashSet<>(w.wait(Duration.ofSeconds(1)));
                        assertEquals(expected, got, "step " + step);
                    }
                }
            }
        }
    }
}
