package org.iowait.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The C floor ({@code floor.c}): the PingPong operation made of raw system calls, in ns per operation by "syscall idle"
 * (e.g. {@code "epoll 1000"}). bench/run measures every figure before the JMH runs; the figure a target divides by is
 * measured again once per round of the target's forks ({@link #measure}), so that a fast or slow spell of the machine
 * falls on the floor as on the forks, and the median of those runs replaces it.
 */
final class Floor {
    /** As bench/run's run: 0.4 s of epoll PingPong, after a tenth as many warm-up iterations. */
    private static final int ITERATIONS = 200_000;

    private final Path binary;
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final Map<String, List<Double>> rounds = new LinkedHashMap<>();

    private Floor(Path binary) {
        this.binary = binary;
    }

    /**
     * @param file   floor.c's output, or null or missing when there is no C compiler
     * @param binary floor.c built, or null: then no figure is measured again
     */
    static Floor read(Path file, Path binary) throws IOException {
        Floor floor = new Floor(binary != null && Files.isExecutable(binary) ? binary : null);
        if (file != null && Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                parse(line).ifPresent(f -> floor.figures.put(f.getKey(), f.getValue()));
            }
        }
        return floor;
    }

    /** @return a line of floor.c's output as "syscall idle" and ns per operation */
    private static Optional<Map.Entry<String, Double>> parse(String line) {
        String[] f = line.trim().split("\\s+");
        return f.length == 3 ? Optional.of(Map.entry(f[0] + " " + f[1], Double.parseDouble(f[2])))
                : Optional.empty();
    }

    /** Runs the floor once for {@code syscall} with {@code idle} idle fds; a failure is reported and skipped. */
    void measure(String syscall, int idle) {
        if (binary == null || !figures.containsKey(syscall + " " + idle)) {
            return;
        }
        try {
            Process process = new ProcessBuilder(binary.toString(), String.valueOf(ITERATIONS), "1", syscall,
                    String.valueOf(idle)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                System.err.println("C floor " + syscall + " " + idle + " exited with status " + process.exitValue());
                return;
            }
            parse(out).ifPresent(f -> {
                rounds.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(f.getValue());
                System.out.printf(Locale.ROOT, "C floor %s: %.0f ns%n", f.getKey(), f.getValue());
            });
        } catch (IOException e) {
            System.err.println("C floor " + syscall + " " + idle + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether the floor ran at all (a C compiler was found) */
    boolean isMeasured() {
        return !figures.isEmpty();
    }

    /** @return ns per operation by "syscall idle": the median of the rounds where there were some, else bench/run's */
    Map<String, Double> figures() {
        Map<String, Double> all = new LinkedHashMap<>(figures);
        rounds.forEach((key, runs) -> all.put(key, JmhJson.median(runs.stream().mapToDouble(Double::doubleValue)
                .toArray())));
        return all;
    }

    /** @return how many rounds measured {@code key} again (0: the figure is bench/run's, from before the JMH runs) */
    int rounds(String key) {
        return rounds.getOrDefault(key, List.of()).size();
    }

    /** Writes {@link #figures()} in floor.c's format, for the charts drawn from the same run. */
    void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        figures().forEach((key, ns) -> out.append(String.format(Locale.ROOT, "%s %.0f%n", key, ns)));
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }
}
