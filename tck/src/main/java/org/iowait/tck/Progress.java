package org.iowait.tck;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What the kit runner shows while it runs: on a terminal one live line per backend (rewritten in place as each case
 * ends), elsewhere (a pipe, a file, or {@code CI} set) one plain line per group as it finishes, so a log shows
 * progress without control characters.
 */
abstract class Progress {
    final PrintStream out;
    String backend;
    long groupStart;

    Progress(PrintStream out) {
        this.out = out;
    }

    /** A live line only when this JVM's stdout is a terminal and the output goes there; plain lines otherwise. */
    static Progress forConsole(PrintStream out) {
        boolean terminal = System.console() != null && out == System.out && System.getenv("CI") == null;
        return terminal ? new Live(out) : new Plain(out);
    }

    void backendStarted(String name) {
        backend = name;
        groupStart = System.nanoTime();
    }

    void testFinished(String group, int[] counts) {
    }

    abstract void groupFinished(String group, int[] counts);

    void backendFinished() {
    }

    static String counts(int[] c) {
        return c[0] + " passed" + (c[1] > 0 ? ", " + c[1] + " FAILED" : "") + (c[2] > 0 ? ", " + c[2] + " skipped" : "");
    }

    private static final class Plain extends Progress {
        Plain(PrintStream out) {
            super(out);
        }

        @Override
        void backendStarted(String name) {
            super.backendStarted(name);
            out.println("running the kit against " + name + " ...");
        }

        @Override
        void groupFinished(String group, int[] c) {
            long now = System.nanoTime();
            out.printf(Locale.ROOT, "  %s / %s: %s (%.1f s)%n", backend, group, counts(c), (now - groupStart) / 1e9);
            groupStart = now;
        }
    }

    private static final class Live extends Progress {
        private int width;
        private int groups;

        Live(PrintStream out) {
            super(out);
        }

        @Override
        void testFinished(String group, int[] c) {
            show(String.format(Locale.ROOT, "%s: %s done; %s: %s", backend, groups(), group, counts(c)));
        }

        @Override
        void groupFinished(String group, int[] c) {
            groups++;
        }

        @Override
        void backendFinished() {
            show(backend + ": " + groups() + " done");
            out.println();
            groups = 0;
        }

        private String groups() {
            return groups + (groups == 1 ? " group" : " groups");
        }

        private void show(String line) {
            String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
            width = line.length();
            out.print("\r" + padded);
            out.flush();
        }
    }
}
