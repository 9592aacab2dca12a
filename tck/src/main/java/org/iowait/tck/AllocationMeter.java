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

    /** At least this many counted rounds (unless one allocates nothing first). */
    static final int ROUNDS = 10;
    /** Rounds go on, until one allocates nothing, for this long (times the timeout factor). */
    static final int STEADY_SECONDS = 30;

    private AllocationMeter() {
    }

    /** @return whether this JVM counts allocated bytes per thread */
    public static boolean isSupported() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled();
    }

    /**
     * Runs {@code action} {@code warmup} times (JIT, lazy initialisation), then counts rounds of {@code calls} calls
     * until one allocates nothing: at least {@value #ROUNDS} rounds, and more while less than {@value #STEADY_SECONDS} s
     * (scaled by {@code -Diowait.tck.timeoutFactor}) have passed. Steady state is what is measured: code the JIT has not
     * optimised yet may allocate where the optimised code does not (a {@code java.lang.foreign} downcall that captures
     * errno allocates 40 bytes per call until C2 compiles its caller, nothing after), and on a loaded machine C2 comes
     * late. Something that allocates on every call shows in every round.
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
        long deadline = System.nanoTime() + (long) (STEADY_SECONDS * 1e9 * Tck.FACTOR);
        for (int round = 0; fewest > 0 && (round < ROUNDS || System.nanoTime() - deadline < 0); round++) {
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < calls; i++) {
                action.run();
            }
            fewest = Math.min(fewest, (threads.getThreadAllocatedBytes(tid) - before) / calls);
        }
        return fewest;
    }
}
