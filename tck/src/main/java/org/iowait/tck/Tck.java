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
     * @return the nanoseconds the calling thread has spent wanting the CPU: running plus waiting to run (Linux
     *         {@code /proc/thread-self/schedstat}), so a busy loop shows however loaded the machine is; elsewhere its
     *         CPU time, which a loaded machine can make small for a busy loop too
     */
    static long busyNanos() {
        Path schedstat = Path.of("/proc/thread-self/schedstat");
        if (Files.isReadable(schedstat)) {
            try {
                String[] fields = Files.readString(schedstat).trim().split("\\s+");
                return Long.parseLong(fields[0]) + Long.parseLong(fields[1]);
            } catch (IOException | RuntimeException e) {
                // fall back to CPU time
            }
        }
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
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
