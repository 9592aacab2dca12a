package org.iowait.fds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/** Deadlines stretched by {@code -Diowait.tck.timeoutFactor} (as the TCK stretches its own), and the open-fd count. */
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

    static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count() - 1; // minus the directory stream's own fd
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
