package org.iowait.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

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

    /** @return how many fds this process has open, or -1 where it cannot be told */
    static long openFds() {
        for (String dir : new String[] {"/proc/self/fd", "/dev/fd"}) {
            Path path = Path.of(dir);
            if (Files.isDirectory(path)) {
                try (Stream<Path> fds = Files.list(path)) {
                    return fds.count();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return -1;
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
