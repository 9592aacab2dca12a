package org.iowait.spi;

import java.time.Duration;

/**
 * Timeout arithmetic shared by the selectors and the low-level wrappers: durations to clamped nanoseconds (so that
 * deadlines cannot overflow) and nanoseconds to kernel milliseconds rounded up (so a wait never ends early).
 *
 * <pre>{@code
 * long nanos = Timeouts.blockingNanos(timeout);       // Python's poll/epoll: null or negative blocks
 * int millis = Timeouts.millis(nanos);                // -1, 0, or rounded up
 * }</pre>
 */
public final class Timeouts {
    /** "Block until something happens". */
    public static final long INFINITE = -1;
    /** Timeouts are clamped here (about 73 years). */
    public static final long MAX_NANOS = Long.MAX_VALUE / 4;

    private Timeouts() {
    }

    /** @return INFINITE for null, 0 for zero or negative, else the clamped nanoseconds (the Selector contract) */
    public static long pollingNanos(Duration timeout) {
        if (timeout == null) {
            return INFINITE;
        }
        return timeout.isNegative() || timeout.isZero() ? 0 : clamped(timeout);
    }

    /** @return INFINITE for null or negative, else the clamped nanoseconds (Python's poll, epoll and devpoll) */
    public static long blockingNanos(Duration timeout) {
        return timeout == null || timeout.isNegative() ? INFINITE : timeout.isZero() ? 0 : clamped(timeout);
    }

    private static long clamped(Duration timeout) {
        return timeout.getSeconds() >= MAX_NANOS / 1_000_000_000L ? MAX_NANOS : timeout.toNanos();
    }

    /** @return -1 for INFINITE, else the milliseconds rounded up and clamped to int */
    public static int millis(long nanos) {
        if (nanos < 0) {
            return -1;
        }
        return (int) Math.min((nanos + 999_999L) / 1_000_000L, Integer.MAX_VALUE);
    }

    /** @return what is left of {@code nanos} started at {@code startNanos}: INFINITE stays INFINITE, never below 0 */
    public static long remaining(long nanos, long startNanos) {
        return nanos < 0 ? INFINITE : Math.max(0, nanos - (System.nanoTime() - startNanos));
    }
}
