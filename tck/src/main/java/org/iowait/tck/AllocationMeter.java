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

    /** At most this many counted rounds. */
    static final int ROUNDS = 10;

    private AllocationMeter() {
    }

    /** @return whether this JVM counts allocated bytes per thread */
    public static boolean isSupported() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled();
    }

    /**
     * Runs {@code action} {@code warmup} times (JIT, lazy initialisation), then counts rounds of {@code calls} calls
     * until one allocates nothing, at most {@value #ROUNDS} rounds. Steady state is what is measured: code the JIT has
     * not optimised yet may allocate where the optimised code does not (a {@code java.lang.foreign} downcall that
     * captures errno allocates about 40 bytes per call before C2 compiles it, nothing after), and on a loaded machine
     * C2 can come late. Something that allocates on every call still shows in every round.
     *
     * @return the fewest bytes allocated per counted call over the rounds, rounded down
     */
    public static long bytesPerCall(int warmup, int calls, Action action) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup; i++) {
            action.run();
        }
        long tid = Thread.currentThread().getId();
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS && fewest > 0; round++) {
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < calls; i++) {
                action.run();
            }
            fewest = Math.min(fewest, (threads.getThreadAllocatedBytes(tid) - before) / calls);
        }
        return fewest;
    }
}
