package org.iowait.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command (mvn, java, an image's launcher) to completion with a deadline, keeping its output in a log file. */
final class Commands {
    /** Stretched like the kit's waits: {@code -Diowait.tck.timeoutFactor}. */
    private static final double FACTOR = Double.parseDouble(System.getProperty("iowait.tck.timeoutFactor", "1"));

    /** {@code output} is standard output only: a newer JDK's warnings on standard error must not change it. */
    record Result(int exit, String output, Path log) {
        Result expectExit(int expected) {
            if (exit != expected) {
                fail("exit " + exit + " (expected " + expected + "), log " + log + ":\n" + tail() + "\nstandard error:\n"
                        + errors());
            }
            return this;
        }

        String tail() {
            return tail(output);
        }

        String errors() {
            try {
                return tail(Files.readString(Path.of(log + ".err"), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return e.toString();
            }
        }

        private static String tail(String text) {
            return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
        }
    }

    private final Path logs;
    private int counter;

    Commands(Path logs) throws IOException {
        this.logs = Files.createDirectories(logs);
    }

    /** Runs {@code command} in {@code dir}; the deadline is {@code minutes} times the timeout factor. */
    Result run(Path dir, String name, long minutes, List<String> command) throws IOException, InterruptedException {
        Path log = logs.resolve(String.format("%02d-%s.log", ++counter, name));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(log.toFile())
                .redirectError(Path.of(log + ".err").toFile()).start();
        long millis = (long) (TimeUnit.MINUTES.toMillis(minutes) * FACTOR);
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            fail(name + " did not finish within " + millis + " ms: " + command + ", log " + log);
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
    }

    static List<String> command(String... parts) {
        return new ArrayList<>(List.of(parts));
    }

    static void assertSingleLine(String expected, Result result) {
        List<String> lines = result.output().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(List.of(expected), lines, "output of " + result.log());
    }
}
