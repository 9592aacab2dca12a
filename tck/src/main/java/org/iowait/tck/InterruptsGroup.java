package org.iowait.tck;

import static org.iowait.Selector.READ;
import static org.iowait.Selector.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.iowait.ErrnoException;
import org.iowait.Ready;
import org.iowait.posix.Errno;
import org.iowait.spi.Timeouts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Interrupts of platform threads, as in {@code java.nio.channels.Selector}: an interrupt ends a blocked select (or
 * one-fd wait) early, like {@code wakeup()}, with the interrupt status kept set; a wait entered with the status set
 * does not block. Also the one-fd wait's contract ({@code SelectorProvider.waitFor}, behind {@code IOWait.waitFor}).
 */
@Tag("waiting")
public abstract class InterruptsGroup extends TckGroup {
    /** @return once {@code thread} is inside a method named {@code method} (its kernel wait, not before it) */
    private static boolean inside(Thread thread, String method) {
        return VThreads.await(() -> Arrays.stream(thread.getStackTrace()).anyMatch(f -> f.getMethodName().equals(method)),
                20_000);
    }

    @Test
    @DisplayName("interrupt() ends a platform thread's blocked select at once, the status kept set")
    void interruptEndsSelect() throws Exception {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        AtomicReference<List<Ready>> result = new AtomicReference<>();
        AtomicLong returnedAt = new AtomicLong();
        AtomicReference<Boolean> status = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(selector.select(Tck.scaled(60_000)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                returnedAt.set(System.nanoTime());
                status.set(Thread.currentThread().isInterrupted());
            }
        }, "tck-interrupted-select");
        t.start();
        assertTrue(inside(t, "implSelect"), "the thread reaches the kernel wait");
        long start = System.nanoTime();
        t.interrupt();
        double millis = VThreads.returnedWithin(t, start, returnedAt, 5_000);
        assertEquals(List.of(), result.get());
        assertEquals(Boolean.TRUE, status.get(), "the interrupt status is kept");
        System.out.printf("[interrupts] %s: a platform thread's select ended %.2f ms after interrupt()%n",
                selector.backend(), millis);
        long again = System.nanoTime();
        assertTrue(select(200).isEmpty(), "no wakeup is left pending");
        assertTrue(System.nanoTime() - again >= 200_000_000L, "the next select waits its whole timeout");
    }

    @Test
    @DisplayName("a select entered with the interrupt status set does not block, and still reports what is ready")
    void enteredInterrupted() throws Exception {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        Thread.currentThread().interrupt();
        try {
            long start = System.nanoTime();
            assertTrue(selector.select(Tck.scaled(60_000)).isEmpty());
            assertTrue(selector.select().isEmpty());
            assertTrue(elapsedMillis(start) < Tck.scaledMillis(1000), "did not block");
            Fixtures.write(p[1], 1);
            assertEquals(1, selector.select(Tck.scaled(60_000)).size());
            assertTrue(Thread.currentThread().isInterrupted(), "the status is kept");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    @DisplayName("interrupt() ends a platform thread's one-fd wait at once with 0, the status kept set")
    void interruptEndsWaitFor() throws Exception {
        int[] p = fx.pipe();
        AtomicLong result = new AtomicLong(-1);
        AtomicLong returnedAt = new AtomicLong();
        Thread t = new Thread(() -> {
            try {
                result.set(provider().waitFor(p[0], READ, Timeouts.INFINITE));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                returnedAt.set(System.nanoTime());
            }
        }, "tck-interrupted-wait");
        t.start();
        assertTrue(inside(t, "poll"), "the thread reaches poll(2)");
        long start = System.nanoTime();
        t.interrupt();
        double millis = VThreads.returnedWithin(t, start, returnedAt, 5_000);
        assertEquals(0, result.get());
        System.out.printf("[interrupts] %s: a platform thread's waitFor ended %.2f ms after interrupt()%n",
                selector.backend(), millis);
        long again = System.nanoTime();
        assertEquals(0, provider().waitFor(p[0], READ, Duration.ofMillis(200).toNanos()), "the pooled wakeup was drained");
        assertTrue(System.nanoTime() - again >= 200_000_000L, "the next wait lasts its timeout");
    }

    @Test
    @DisplayName("the one-fd wait: ready bits masked by the events, 0 at the timeout, never early")
    void waitForReadiness() throws Exception {
        int[] p = fx.pipe();
        assertEquals(WRITE, provider().waitFor(p[1], READ | WRITE, 0));
        assertEquals(0, provider().waitFor(p[0], READ, 0));
        long start = System.nanoTime();
        assertEquals(0, provider().waitFor(p[0], READ, Duration.ofMillis(120).toNanos()));
        assertTrue(System.nanoTime() - start >= 120_000_000L, "returned early");
        Fixtures.write(p[1], 1);
        assertEquals(READ, provider().waitFor(p[0], READ | WRITE, Tck.scaled(20_000).toNanos()));
        assertEquals(READ, provider().waitFor(p[0], READ, Timeouts.INFINITE));
        fx.closeNow(p[1]);
        assertEquals(READ, provider().waitFor(p[0], READ, 0), "hang-up counts as readable");
    }

    @Test
    @DisplayName("the one-fd wait: bad events are IllegalArgumentException, a closed fd is EBADF")
    void waitForBadArguments() throws Exception {
        int[] p = fx.pipe();
        assertThrows(IllegalArgumentException.class, () -> provider().waitFor(p[0], 0, 0));
        assertThrows(IllegalArgumentException.class, () -> provider().waitFor(p[0], 4, 0));
        assertThrows(IllegalArgumentException.class, () -> provider().waitFor(-1, READ, 0));
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> provider().waitFor(Fixtures.closedFd(), READ, Tck.scaled(20_000).toNanos()));
        assertEquals(Errno.EBADF, e.errno());
    }
}
