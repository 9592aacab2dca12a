package org.iowait.cli;

import java.time.Duration;

/** The load options shared by {@code demo} and {@code bench}. */
record Options(Duration duration, int clients, int size) {
    static Options parse(String[] args) {
        double seconds = 2;
        int clients = 4;
        int size = 64;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--seconds" -> seconds = positive(args[i], value, Double.parseDouble(require(args[i], value)));
                case "--clients" -> clients = (int) positive(args[i], value, Integer.parseInt(require(args[i], value)));
                case "--size" -> size = (int) positive(args[i], value, Integer.parseInt(require(args[i], value)));
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "' (expected --seconds, --clients or --size)");
            }
            i++;
        }
        if (clients > 256 || size > 1 << 20) {
            throw new IllegalArgumentException("--clients is at most 256 and --size at most 1048576");
        }
        return new Options(Duration.ofMillis((long) (seconds * 1000)), clients, size);
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static double positive(String option, String text, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(option + " must be positive, got " + text);
        }
        return value;
    }
}
