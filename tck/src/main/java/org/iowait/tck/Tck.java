package org.iowait.tck;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Time scaling and process-level measurements for the kit. */
final class Tck {
    /** {@code -Diowait.tck.timeoutFactor}: stretches every wait the kit makes, for slow or emulated machines. */
    static final double FACTOR = factor();

    private Tck() {
    }

    private static double factor() {
        try {
            double value = Double.parseDouble(System.getProperty("iowait.tck.timeoutFactor", "1"));
            return value > 0 ? value : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** @return {@code millis} stretched by the timeout factor */
    static Duration scaled(long millis) {
        return Duration.ofMillis((long) (millis * FACTOR));
    }

    static long scaledMillis(long millis) {
        return (long) (millis * FACTOR);
    }

    /**
     * What the calling thread has used of the CPU so far: {@code ran} is time on a CPU, {@code wanted} adds the time it
     * waited to run (Linux {@code /proc/thread-self/schedstat}; elsewhere both are its CPU time).
     */
    record CpuUse(long ran, long wanted) {
        static CpuUse now() {
            Path schedstat = Path.of("/proc/thread-self/schedstat");
            if (Files.isReadable(schedstat)) {
                try {
                    String[] fields = Files.readString(schedstat).trim().split("\\s+");
                    long ran = Long.parseLong(fields[0]);
                    return new CpuUse(ran, ran + Long.parseLong(fields[1]));
                } catch (IOException | RuntimeException e) {
                    // fall back to CPU time
                }
            }
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            return new CpuUse(cpu, cpu);
        }

        /**
         * Whether the thread busy-looped over the {@code wallNanos} since {@code before}. A loop wants the CPU the
         * whole time, however loaded the machine, and gets some of it: more than a twentieth even beside a hog per
         * core and a parallel build. Wanting alone is not enough: on a loaded machine a thread woken once near the
         * start of a wait can sit a whole second on the run queue (seen under the soak, with 1 ms on a CPU).
         */
        boolean spunSince(CpuUse before, long wallNanos) {
            return wanted - before.wanted >= wallNanos / 2 && ran - before.ran >= wallNanos / 20;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
