package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.iowait.Selector.READ;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.jna.Pointer;

import org.iowait.Ready;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "select and timeouts": polling, waiting, the ReadyHandler path, EINTR.
 * Runs as the nested class {@code SelectorTck.SelectAndTimeouts}; the fixtures are in {@link TckGroup}.
 */
public abstract class SelectAndTimeoutsGroup extends TckGroup {
    @Test
    @DisplayName("selectNow with nothing ready returns an empty list at once")
    void selectNowEmpty() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        long start = System.nanoTime();
        assertTrue(selector.selectNow().isEmpty());
        assertTrue(elapsedMillis(start) < Tck.scaledMillis(1000));
    }

    @Test
    @DisplayName("a zero or negative timeout polls without blocking")
    void zeroAndNegative() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        long start = System.nanoTime();
        assertTrue(selector.select(Duration.ZERO).isEmpty());
        assertTrue(selector.select(Duration.ofSeconds(-5)).isEmpty());
        assertTrue(elapsedMillis(start) < Tck.scaledMillis(1000));
        Fixtures.write(p[1], 1);
        assertEquals(1, selector.select(Duration.ofMillis(-1)).size());
    }

    @Test
    @DisplayName("a timeout with nothing ready is waited out, never returning early")
    void notEarly() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        for (long millis : new long[] {50, 120, 300}) {
            long start = System.nanoTime();
            assertTrue(select(millis).isEmpty());
            assertTrue(System.nanoTime() - start >= millis * 1_000_000, "returned before " + millis + " ms");
        }
    }

    @Test
    @DisplayName("sub-millisecond timeouts are rounded up, not down to a busy poll")
    void roundUp() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        for (Duration timeout : new Duration[] {Duration.ofNanos(1), Duration.ofNanos(999_999), Duration.ofNanos(1_500_000)}) {
            long start = System.nanoTime();
            assertTrue(selector.select(timeout).isEmpty());
            assertTrue(System.nanoTime() - start >= timeout.toNanos(), "returned before " + timeout);
        }
    }

    @Test
    @DisplayName("a timeout with no registrations at all is still waited out")
    void emptySelector() throws IOException {
        long start = System.nanoTime();
        assertTrue(select(100).isEmpty());
        assertTrue(elapsedMillis(start) >= 100);
    }

    @Test
    @DisplayName("huge timeouts are clamped without overflow")
    void hugeTimeouts() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        Fixtures.write(p[1], 1);
        for (Duration timeout : new Duration[] {Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                Duration.ofDays(365L * 10_000), Duration.ofMillis(Integer.MAX_VALUE + 1L), Duration.ofNanos(Long.MAX_VALUE)}) {
            assertEquals(1, selector.select(timeout).size(), "ready fd reported with timeout " + timeout);
        }
    }

    @Test
    @DisplayName("select(null) blocks until an fd becomes ready")
    void blocksUntilReady() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        AtomicBoolean written = new AtomicBoolean();
        whenBlocked(() -> {
            written.set(true);
            Fixtures.write(p[1], 1);
        });
        List<Ready> ready = selector.select((Duration) null);
        assertEquals(1, ready.size());
        assertTrue(written.get(), "it blocked until the write");
    }

    @Test
    @DisplayName("a timed select returns as soon as an fd becomes ready")
    void returnsWhenReady() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        whenBlocked(() -> Fixtures.write(p[1], 1));
        long start = System.nanoTime();
        assertEquals(1, select(Tck.scaledMillis(10_000)).size());
        assertTrue(elapsedMillis(start) < Tck.scaledMillis(5_000));
    }

    @Test
    @DisplayName("the ReadyHandler path hands each ready key to the handler and returns the count")
    void handlerPath() throws IOException {
        int[] a = fx.pipe();
        int[] b = fx.pipe();
        selector.register(a[0], READ, "a");
        selector.register(b[0], READ, "b");
        Fixtures.write(a[1], 1);
        Fixtures.write(b[1], 1);
        List<Object> seen = new ArrayList<>();
        int n = selector.select(Tck.scaled(2000), (key, events) -> {
            assertEquals(READ, events);
            seen.add(key.attachment());
        });
        if (n < 2) { // two fds may become ready in two kernel waits on a loaded machine
            n += selector.select(Tck.scaled(2000), (key, events) -> seen.add(key.attachment()));
        }
        assertEquals(2, n);
        assertEquals(Set.of("a", "b"), new HashSet<>(seen));
    }

    @Test
    @DisplayName("an exception thrown by the ReadyHandler propagates out of select")
    void handlerException() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        Fixtures.write(p[1], 1);
        IOException boom = new IOException("boom");
        assertSame(boom, assertThrows(IOException.class,
                () -> selector.select(Tck.scaled(2000), (key, events) -> {
                    throw boom;
                })));
        assertEquals(1, select(Tck.scaledMillis(2000)).size(), "the selector still works afterwards");
    }

    @Test
    @DisplayName("select called from inside a ReadyHandler throws IllegalStateException")
    void reentrantSelect() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        Fixtures.write(p[1], 1);
        AtomicReference<Throwable> inner = new AtomicReference<>();
        selector.select(Tck.scaled(2000), (key, events) -> {
            try {
                selector.selectNow();
            } catch (Throwable e) {
                inner.set(e);
            }
        });
        assertTrue(inner.get() instanceof IllegalStateException, "got " + inner.get());
    }

    @Test
    @DisplayName("a null handler is refused with NullPointerException")
    void nullHandler() {
        assertThrows(NullPointerException.class, () -> selector.select(Duration.ZERO, null));
    }

    @Test
    @DisplayName("a signal interrupting the selecting thread (EINTR) neither throws nor shortens the timeout")
    void eintr() throws Exception {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        AtomicLong tid = new AtomicLong();
        AtomicReference<String> task = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Pointer previous = TckNative.installInterruptingHandler();
        try {
            Future<long[]> result = pool.submit(() -> {
                tid.set(TckNative.currentThread());
                task.set(ThreadState.selfTask());
                started.countDown();
                long start = System.nanoTime();
                int n = selector.select(Duration.ofMillis(1500)).size();
                return new long[] {n, System.nanoTime() - start};
            });
            assertTrue(started.await(Tck.scaledMillis(10_000), TimeUnit.MILLISECONDS), "the selecting thread started");
            ThreadState thread = new ThreadState(task.get());
            for (int i = 0; i < 3; i++) {
                // signal only a thread asleep in the kernel wait, and see it wake and go back to sleep: an EINTR
                long switches = thread.awaitAsleep(Tck.scaledMillis(1000));
                TckNative.interrupt(tid.get());
                assertTrue(thread.awaitWokenSince(switches, Tck.scaledMillis(1000)),
                        "signal " + (i + 1) + " did not interrupt the wait (the selecting thread never woke)");
            }
            long[] outcome = result.get(Tck.scaledMillis(20_000), TimeUnit.MILLISECONDS);
            assertEquals(0, outcome[0], "nothing was ready");
            assertTrue(outcome[1] >= 1_500_000_000L, "returned after " + outcome[1] / 1_000_000 + " ms");
        } finally {
            pool.shutdownNow();
            TckNative.restoreHandler(previous);
        }
    }
}
