package org.iowait.tck;

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

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
