package org.iowait.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.iowait.tck.AllocationMeter;

/**
 * The B/op targets on the ReadyHandler path, measured by the kit's {@link AllocationMeter}: the bytes the benchmark's
 * own thread allocates per operation in steady state, in a JVM of the row's JDK and native layer.
 *
 * <p>JMH's {@code gc.alloc.rate.norm} counts every thread of the forked JVM over an iteration, and the last measured
 * iteration also pays for the trial's tear-down (on the FFM layer, closing a selector links the downcalls that close
 * uses for the first time: about 135 KB of method handles). Spread over the operations of one iteration that reads as
 * a fraction of a byte per operation on fast rows and several bytes on slow ones, although the operation itself
 * allocates nothing; the meter counts only the operation.
 *
 * <p>Usage (one JVM per variant, run by {@link BenchMain}): {@code AllocationCheck PingPong:iowait-epoll:1000 ...};
 * prints one {@code ALLOC benchmark impl value bytes} line per argument, {@code bytes} being -1 when the row failed.
 */
final class AllocationCheck {
    private static final String PREFIX = "ALLOC ";
    /** How long the meter's warm-up and each counted round last, about: C2 compiles the operation within the first. */
    private static final long WARMUP_NANOS = 2_000_000_000L;
    private static final long ROUND_NANOS = 200_000_000L;

    /** One row to measure: PingPong with {@code value} idle fds, or ManyReady with {@code value} ready fds. */
    record Spec(String benchmark, String impl, int value) {
        String arg() {
            return benchmark + ":" + impl + ":" + value;
        }

        static Spec parse(String arg) {
            String[] f = arg.split(":");
            if (f.length == 3 && (f[0].equals("PingPong") || f[0].equals("ManyReady")) && f[1].startsWith("iowait-")
                    && f[2].matches("[0-9]{1,6}")) {
                return new Spec(f[0], f[1], Integer.parseInt(f[2]));
            }
            throw new IllegalArgumentException("expected PingPong|ManyReady:iowait-<backend>:<count of fds>, got '"
                    + arg + "'");
        }
    }

    private AllocationCheck() {
    }

    /**
     * Runs {@code specs} in one JVM ({@code java} with {@code jvmArgs}, this class path) and reads its figures.
     *
     * @return bytes per operation by spec; a row the JVM did not measure is missing
     */
    static Map<Spec, Long> measure(String java, List<String> jvmArgs, List<Spec> specs) throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AllocationCheck.class.getName()));
        specs.forEach(spec -> command.add(spec.arg()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<Spec, Long> bytes = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                System.out.println(line);
                if (line.startsWith(PREFIX)) {
                    String[] f = line.substring(PREFIX.length()).split(" ");
                    long b = Long.parseLong(f[3]);
                    if (b >= 0) {
                        bytes.put(new Spec(f[0], f[1], Integer.parseInt(f[2])), b);
                    }
                }
            }
        }
        try {
            int status = process.waitFor();
            if (status != 0) {
                System.err.println("AllocationCheck exited with status " + status);
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
        return bytes;
    }

    public static void main(String[] args) throws Exception {
        if (!AllocationMeter.isSupported()) {
            System.err.println("this JVM does not count allocated bytes per thread");
            System.exit(1);
        }
        List<Spec> specs = new ArrayList<>();
        for (String arg : args) {
            specs.add(Spec.parse(arg)); // all checked before the first is measured
        }
        for (Spec spec : specs) {
            long bytes;
            try (Subject subject = spec.benchmark.equals("PingPong") ? PingPong.prepare(spec.impl, spec.value)
                    : ManyReady.prepare(spec.impl, spec.value)) {
                AllocationMeter.Action operation = spec.benchmark.equals("PingPong") ? subject::pingPong
                        : subject::select;
                long perCall = nanosPerCall(operation);
                bytes = AllocationMeter.bytesPerCall(calls(WARMUP_NANOS, perCall), calls(ROUND_NANOS, perCall),
                        operation);
            } catch (Exception e) {
                System.err.println(spec.arg() + " failed: " + e);
                bytes = -1;
            }
            System.out.printf(Locale.ROOT, "%s%s %s %d %d%n", PREFIX, spec.benchmark, spec.impl, spec.value, bytes);
        }
    }

    /** @return a rough cost of one call, from a few hundred calls: enough to size the meter's rounds */
    private static long nanosPerCall(AllocationMeter.Action operation) throws Exception {
        for (int i = 0; i < 100; i++) {
            operation.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            operation.run();
        }
        return Math.max(1, (System.nanoTime() - start) / 200);
    }

    private static int calls(long nanos, long perCall) {
        return (int) Math.max(1_000, Math.min(100_000, nanos / perCall));
    }
}
