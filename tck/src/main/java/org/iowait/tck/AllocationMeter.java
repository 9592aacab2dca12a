package org.iowait.tck;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates per call of an action, for "allocation-free in steady state" checks.
 *
 * <pre>{@code
 * long perSelect = AllocationMeter.bytesPerCall(20_000, 10_000, () -> selector.select(timeout, handler));
 * }</pre>
 */
public final class AllocationMeter {
    /** An action that may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private AllocationMeter() {
    }

    /** @return whether this JVM counts allocated bytes per thread */
    public static boolean isSupported() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled();
    }

    /**
     * Runs {@code action} {@code warmup} times (JIT, lazy initialisation), then {@code calls} times while counting.
     *
     * @return bytes allocated per counted call, rounded down
     */
    public static long bytesPerCall(int warmup, int calls, Action action) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup; i++) {
            action.run();
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < calls; i++) {
            action.run();
        }
        return (threads.getThreadAllocatedBytes(tid) - before) / calls;
    }
}
