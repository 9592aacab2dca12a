package org.iowait.fds;

import java.time.Duration;

/** Deadlines stretched by {@code -Diowait.tck.timeoutFactor}, as the TCK stretches its own. */
final class Scaled {
    static final double FACTOR = Double.parseDouble(System.getProperty("iowait.tck.timeoutFactor", "1"));
    /** The Linux backends every source is checked on. */
    static final String[] BACKENDS = {"epoll", "poll", "select"};

    private Scaled() {
    }

    static Duration millis(long millis) {
        return Duration.ofMillis((long) (millis * Math.max(1, FACTOR)));
    }

    /** @return System.nanoTime() at which {@code millis} (scaled) will have passed */
    static long deadline(long millis) {
        return System.nanoTime() + millis(millis).toNanos();
    }
}
