package org.iowait.cli;

import java.time.Duration;
import java.util.Locale;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The echo-load options {@code demo} and {@code bench} share, checked when parsed so a bad value names its option. */
final class LoadOptions {
    static final int MAX_CLIENTS = 256;
    static final int MAX_SIZE = 1 << 20;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    Duration duration = Duration.ofSeconds(2);
    int clients = 4;
    int size = 64;

    @Option(names = "--seconds", paramLabel = "S", description = "How long each backend runs (default 2; fractions allowed).")
    void seconds(double seconds) {
        if (!(seconds > 0 && seconds <= 3600)) {
            throw bad("--seconds must be more than 0 and at most 3600, got " + format(seconds));
        }
        duration = Duration.ofNanos((long) (seconds * 1e9));
    }

    @Option(names = "--clients", paramLabel = "N", description = "Concurrent loopback clients, 1.." + MAX_CLIENTS + " (default 4).")
    void clients(int clients) {
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw bad("--clients must be 1.." + MAX_CLIENTS + ", got " + clients);
        }
        this.clients = clients;
    }

    @Option(names = "--size", paramLabel = "BYTES", description = "Message size, 1.." + MAX_SIZE + " (default 64).")
    void size(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw bad("--size must be 1.." + MAX_SIZE + " bytes, got " + size);
        }
        this.size = size;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    /** "1 client", "4 clients". */
    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
