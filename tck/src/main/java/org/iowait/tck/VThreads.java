package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/** Virtual threads from code compiled for JDK 17 (a method handle, absent below JDK 21), and the waits' timing. */
final class VThreads {
    private static final MethodHandle START = lookup();

    private VThreads() {
    }

    private static MethodHandle lookup() {
        try {
            return MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    static boolean supported() {
        return START != null;
    }

    static String reason() {
        return "virtual threads need JDK 21+, this is " + Runtime.version();
    }

    static Thread start(Runnable body) {
        try {
            return (Thread) START.invokeExact(body);
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.startVirtualThread failed", e);
        }
    }

    /** @return whether {@code condition} came true before the (scaled) deadline; polls without sleeping long */
    static boolean await(BooleanSupplier condition, long millis) {
        long deadline = System.nanoTime() + Tck.scaled(millis).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }

    /** @return whether {@code thread} is parked (a virtual thread blocked in a native call would be RUNNABLE) */
    static boolean parked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /**
     * Joins {@code thread}, which sets {@code returnedAt} to {@link System#nanoTime()} as its wait returns, and
     * asserts that happened within {@code limitMillis} (scaled) of {@code startNanos}.
     *
     * @return the delay in milliseconds
     */
    static double returnedWithin(Thread thread, long startNanos, AtomicLong returnedAt, long limitMillis)
            throws InterruptedException {
        thread.join(Tck.scaledMillis(20_000));
        double millis = (returnedAt.get() - startNanos) / 1e6;
        assertTrue(returnedAt.get() != 0 && millis < Tck.scaledMillis(limitMillis), "returned after " + millis + " ms");
        return millis;
    }

    static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
