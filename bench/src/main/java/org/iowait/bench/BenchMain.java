package org.iowait.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs every benchmark for every implementation in one go and writes {@code RESULTS.md}: medians of the measured
 * iterations, JMH's 99.9% error, allocation per operation (GC profiler), the ratio to {@code jdk-nio} from the same
 * run, the C floor, and the B/op targets by the kit's AllocationMeter. Usage:
 * {@code BenchMain [--quick] RESULTS.md [C-floor-output-file]}, with {@code -Diowait.bench.floor=<floor.c built>} to
 * run the floor again between the forks of the PingPong targets.
 */
public final class BenchMain {
    private record Row(String benchmark, String impl, int jdk, String param, double median, double error, double alloc,
            double perEvent) {
    }

    /**
     * A JVM and native layer to run an implementation on: the JDK running this (17 under bench/run, JNA) and, when
     * bench/run found one ({@code -Diowait.bench.jdk22=HOME}), a JDK 22+ with the FFM layer and with JNA forced.
     */
    private record Variant(String layer, int jdk, String java) {
        /** @return e.g. {@code "iowait-epoll (ffm, JDK 25)"}, or {@code "jdk-nio (JDK 25)"} without iowait's layer */
        String label(String impl) {
            return impl + (impl.startsWith("iowait-") ? " (" + layer + ", JDK " + jdk + ")" : " (JDK " + jdk + ")");
        }
    }

    private static final int DEFAULT_JDK = Runtime.version().feature();
    private static final Variant JDK_DEFAULT = new Variant(DEFAULT_JDK >= 22 ? "ffm" : "jna", DEFAULT_JDK,
            Path.of(System.getProperty("java.home"), "bin", "java").toString());
    private static final String JDK22 = System.getProperty("iowait.bench.jdk22", "");
    private static final int JDK22_FEATURE = Integer.getInteger("iowait.bench.jdk22.feature", 25);
    private static final Variant FFM = JDK22.isEmpty() || DEFAULT_JDK >= 22 ? null
            : new Variant("ffm", JDK22_FEATURE, Path.of(JDK22, "bin", "java").toString());
    private static final Variant JNA_ON_22 = FFM == null ? null : new Variant("jna", JDK22_FEATURE, FFM.java);

    /** Each run's JMH JSON, which {@link Charts} draws from; bench/run empties it first. */
    static final Path JSON_DIR = Path.of(System.getProperty("iowait.bench.json", "bench/target/jmh-json"));

    private BenchMain() {
    }

    public static void main(String[] args) throws IOException {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        int at = quick ? 1 : 0;
        Path resultsFile = Path.of(args.length > at ? args[at] : "RESULTS.md");
        Path floorFile = args.length > at + 1 ? Path.of(args[at + 1]) : null;
        String floorBinary = System.getProperty("iowait.bench.floor");
        Floor floor = Floor.read(floorFile, floorBinary == null ? null : Path.of(floorBinary));
        // One benchmark and parameter at a time across every implementation: the rows a target compares run a minute
        // apart rather than a quarter of an hour, so a slow spell of the machine hits both sides alike.
        List<Planned> plan = new ArrayList<>();
        for (int idle : new int[] {0, 1000, 8000}) {
            planAll(plan, PingPong.class, "idle", idle);
        }
        for (int ready : new int[] {100, 1000}) {
            planAll(plan, ManyReady.class, "ready", ready);
        }
        planAll(plan, Churn.class, "held", 1000);
        planAll(plan, Wakeup.class, null, 0);
        Files.createDirectories(JSON_DIR);
        long start = System.nanoTime();
        int runs = plan.stream().mapToInt(p -> p.forks(quick)).sum();
        int started = 0;
        List<Row> rows = new ArrayList<>();
        for (List<Planned> group : groups(plan)) {
            Map<Planned, List<RunResult>> results = new LinkedHashMap<>();
            group.forEach(planned -> results.put(planned, new ArrayList<>()));
            int round = 0;
            for (Turn turn : turns(group, quick)) {
                if (turn.planned.benchmark == PingPong.class && turn.planned.forks(quick) > 1 && turn.fork != round) {
                    round = turn.fork;
                    floor.measure("epoll", turn.planned.value); // the FFM PingPong target's floor takes turns too
                }
                // One plain line per JVM, numbered against the whole run, so a log shows how far a run is
                int forks = turn.planned.forks(quick);
                System.out.printf(Locale.ROOT, "%n[bench %d/%d, %d s] %s%s%n", ++started, runs,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), turn.planned,
                        forks > 1 ? ", fork " + turn.fork + " of " + forks : "");
                RunResult result = run(quick, turn.planned, turn.fork);
                if (result != null) {
                    results.get(turn.planned).add(result);
                }
            }
            results.forEach((planned, forks) -> rows.add(row(planned, forks, planned.forks(quick))));
        }
        if (floorFile != null && floor.isMeasured()) {
            floor.write(floorFile); // the charts draw the figures the targets used
        }
        Map<String, Double> allocation = allocationChecks(plan);
        long minutes = TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - start);
        Files.writeString(resultsFile, report(rows, allocation, floor, quick, minutes), StandardCharsets.UTF_8);
        System.out.println("wrote " + resultsFile.toAbsolutePath());
    }

    /** One JVM's run: fork {@code fork} of a row. */
    private record Turn(Planned planned, int fork) {
    }

    /**
     * @return the order of one benchmark and parameter's JVMs: the rows of one fork first, then the rows of several
     *         forks taking turns fork by fork, so a slow spell of the machine (it lasts tens of seconds) falls on both
     *         sides of a target's ratio rather than on all the forks of one side
     */
    private static List<Turn> turns(List<Planned> group, boolean quick) {
        List<Turn> turns = new ArrayList<>();
        group.stream().filter(planned -> planned.forks(quick) == 1).forEach(planned -> turns.add(new Turn(planned, 1)));
        // the sides of one target run on one JDK: next to each other in each round
        List<Planned> several = group.stream().filter(planned -> planned.forks(quick) > 1)
                .sorted(Comparator.comparingInt(planned -> planned.variant.jdk)).toList();
        int rounds = several.stream().mapToInt(planned -> planned.forks(quick)).max().orElse(0);
        for (int fork = 1; fork <= rounds; fork++) {
            for (Planned planned : several) {
                if (fork <= planned.forks(quick)) {
                    turns.add(new Turn(planned, fork));
                }
            }
        }
        return turns;
    }

    /** @return the plan cut into runs of one benchmark and parameter value, in plan order */
    private static List<List<Planned>> groups(List<Planned> plan) {
        Map<String, List<Planned>> groups = new LinkedHashMap<>();
        for (Planned planned : plan) {
            groups.computeIfAbsent(planned.benchmark.getName() + " " + planned.value, g -> new ArrayList<>()).add(planned);
        }
        return new ArrayList<>(groups.values());
    }

    private static void planAll(List<Planned> plan, Class<?> benchmark, String param, int value) {
        for (String impl : Subject.ALL) {
            for (Variant variant : variants(impl)) {
                if (param == null || fits(impl, value)) {
                    plan.add(new Planned(benchmark, impl, variant, param, value));
                }
            }
        }
    }

    /**
     * iowait's backends on every layer where one is found (epoll on all three, the others on FFM and the default JDK);
     * jdk-nio on both JDKs; Netty and jnr-enxio on the default JDK.
     */
    private static List<Variant> variants(String impl) {
        List<Variant> variants = new ArrayList<>();
        variants.add(JDK_DEFAULT);
        if (FFM != null && (impl.startsWith("iowait-") || impl.equals("jdk-nio"))) {
            variants.add(FFM);
        }
        if (JNA_ON_22 != null && impl.equals("iowait-epoll")) {
            variants.add(JNA_ON_22);
        }
        return variants;
    }

    /** select(2) cannot watch fds past FD_SETSIZE: each pipe holds two fds. */
    private static boolean fits(String impl, int pipes) {
        return !impl.equals("iowait-select") || pipes * 2 < 900;
    }

    /** One benchmark for one implementation on one variant, with its parameter (none when {@code param} is null). */
    private record Planned(Class<?> benchmark, String impl, Variant variant, String param, int value) {
        AllocationCheck.Spec spec() {
            return new AllocationCheck.Spec(benchmark.getSimpleName(), impl, value);
        }

        /**
         * @return how many JVMs a run gives this row: five short ones for the sides of the targets (iowait-epoll on FFM
         *         and on the default JDK's JNA, jdk-nio on both JDKs; iowait-poll and jnr-enxio on the default JDK) in a
         *         full run, else one. A JVM on this machine settles in a fast or a slow mode for its whole life (about
         *         1 µs per PingPong apart, on every implementation), and a cross-thread wakeup swings 2-11 µs between
         *         forks of one row, so a target's ratio needs the median of several JVMs, not more iterations in one.
         */
        int forks(boolean quick) {
            boolean side = impl.equals("jdk-nio") || impl.equals("iowait-epoll") && variant != JNA_ON_22
                    || variant == JDK_DEFAULT && (impl.equals("iowait-poll") || impl.equals("jnr-enxio"));
            return !quick && side ? 5 : 1;
        }

        @Override
        public String toString() {
            return benchmark.getSimpleName() + " " + variant.label(impl) + (param == null ? "" : " " + param + "=" + value);
        }
    }

    /** @return one JVM's run of {@code planned} (fork {@code fork} of the row's), or null when it failed */
    private static RunResult run(boolean quick, Planned planned, int fork) {
        Class<?> benchmark = planned.benchmark;
        Variant variant = planned.variant;
        boolean several = planned.forks(quick) > 1;
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName() + ".")
                .param("impl", planned.impl)
                .forks(1)
                .warmupIterations(quick ? 1 : several ? 2 : 3)
                .warmupTime(TimeValue.milliseconds(quick ? 500 : 1000))
                .measurementIterations(quick ? 3 : several ? 3 : 5)
                .measurementTime(TimeValue.milliseconds(quick ? 500 : 1000))
                .jvm(variant.java())
                .jvmArgsAppend(jvmArgs(variant).toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(JSON_DIR.resolve(benchmark.getSimpleName() + "-"
                        + variant.label(planned.impl).replaceAll("[^A-Za-z0-9-]+", "_")
                        + (planned.param == null ? "" : "-" + planned.param + planned.value)
                        + (several ? "-fork" + fork : "") + ".json").toString());
        if (planned.param != null) {
            options.param(planned.param, String.valueOf(planned.value));
        }
        try {
            return new Runner(options.build()).runSingle();
        } catch (RunnerException e) {
            System.err.println("FAILED: " + planned + ", fork " + fork + ": " + e);
            return null;
        }
    }

    /** @return the options every JVM of {@code variant} runs with: iowait's native layer, and what the JDK needs */
    private static List<String> jvmArgs(Variant variant) {
        List<String> jvmArgs = new ArrayList<>(List.of("--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Diowait.native=" + variant.layer()));
        if (variant.jdk >= 22) {
            jvmArgs.add("--enable-native-access=ALL-UNNAMED");
        }
        return jvmArgs;
    }

    /**
     * @return bytes per operation on the ReadyHandler path by row ("PingPong iowait-epoll (ffm, JDK 25) idle=0"),
     *         measured by the kit's AllocationMeter in one JVM per variant after the JMH runs; NaN where that failed
     */
    private static Map<String, Double> allocationChecks(List<Planned> plan) throws IOException {
        Map<Variant, List<Planned>> byVariant = new LinkedHashMap<>();
        plan.stream().filter(planned -> planned.impl.startsWith("iowait-")
                        && (planned.benchmark == PingPong.class || planned.benchmark == ManyReady.class))
                .forEach(planned -> byVariant.computeIfAbsent(planned.variant, v -> new ArrayList<>()).add(planned));
        Map<String, Double> bytes = new LinkedHashMap<>();
        for (Map.Entry<Variant, List<Planned>> entry : byVariant.entrySet()) {
            System.out.printf(Locale.ROOT, "%n[allocation] %d rows on %s, JDK %d%n", entry.getValue().size(),
                    entry.getKey().layer(), entry.getKey().jdk());
            Map<AllocationCheck.Spec, Long> measured = AllocationCheck.measure(entry.getKey().java(),
                    jvmArgs(entry.getKey()), entry.getValue().stream().map(Planned::spec).toList());
            for (Planned planned : entry.getValue()) {
                Long b = measured.get(planned.spec());
                bytes.put(planned.benchmark.getSimpleName() + " " + planned.variant.label(planned.impl) + " "
                        + planned.param + "=" + planned.value, b == null ? Double.NaN : b);
            }
        }
        return bytes;
    }

    /**
     * @return the row of {@code planned} from its forks: the median over the forks of each fork's median iteration,
     *         JMH's 99.9% error over all their iterations, the median of their allocation per operation
     */
    private static Row row(Planned planned, List<RunResult> forks, int expected) {
        String label = planned.variant.label(planned.impl);
        String param = planned.param == null ? "" : planned.param + "=" + planned.value;
        if (forks.isEmpty()) {
            return new Row(planned.benchmark.getSimpleName(), label + " (failed)", planned.variant.jdk, param,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        ListStatistics all = new ListStatistics();
        double[] medians = new double[forks.size()];
        double[] allocs = new double[forks.size()];
        for (int i = 0; i < forks.size(); i++) {
            double[] scores = forks.get(i).getBenchmarkResults().stream()
                    .flatMap(fork -> fork.getIterationResults().stream())
                    .mapToDouble(iteration -> iteration.getPrimaryResult().getScore()).toArray();
            Arrays.stream(scores).forEach(all::addValue);
            medians[i] = JmhJson.median(scores);
            Result<?> alloc = forks.get(i).getSecondaryResults().get("gc.alloc.rate.norm");
            allocs[i] = alloc == null ? Double.NaN : alloc.getScore();
        }
        double median = JmhJson.median(medians);
        double perEvent = param.startsWith("ready=") ? median / planned.value : Double.NaN;
        // a row some of whose JVMs failed says so, and never matches a target's label
        return new Row(planned.benchmark.getSimpleName(),
                label + (forks.size() < expected ? " (" + forks.size() + " of " + expected + " forks)" : ""),
                planned.variant.jdk, param, median, all.getMeanErrorAt(0.999), JmhJson.median(allocs), perEvent);
    }

    private static double median(List<Row> rows, String benchmark, String impl, String param) {
        return rows.stream().filter(r -> r.benchmark.equals(benchmark) && r.impl.equals(impl) && r.param.equals(param))
                .mapToDouble(Row::median).findFirst().orElse(Double.NaN);
    }

    private static void target(StringBuilder out, String what, double measured, double limit, boolean atMost) {
        boolean met = atMost ? measured <= limit : measured >= limit;
        out.append(String.format(Locale.ROOT, "| %s | %.2f | %s %.2f | %s |%n", what, measured, atMost ? "≤" : "≥", limit,
                Double.isNaN(measured) ? "not measured" : met ? "met" : "**missed**"));
    }

    /** The targets of issues 6 and 11, checked against this run. */
    private static void targets(StringBuilder out, List<Row> rows, Map<String, Double> allocation, Floor floorRuns)
            throws IOException {
        out.append("## Targets, checked against this run\n\n| target | measured | limit | verdict |\n|---|---:|---:|---|\n");
        Map<String, Double> floor = floorRuns.figures();
        String nio = "jdk-nio (JDK " + DEFAULT_JDK + ")";
        String jna = JDK_DEFAULT.label("iowait-epoll");
        if (FFM != null) {
            String ffm = FFM.label("iowait-epoll");
            String nio22 = FFM.label("jdk-nio");
            for (String idle : new String[] {"idle=0", "idle=1000", "idle=8000"}) {
                target(out, ffm + " PingPong / " + nio22 + ", " + idle,
                        median(rows, "PingPong", ffm, idle) / median(rows, "PingPong", nio22, idle), 0.95, true);
            }
            for (String idle : new String[] {"0", "1000", "8000"}) {
                target(out, ffm + " PingPong / C floor (epoll), idle=" + idle, median(rows, "PingPong", ffm, "idle=" + idle)
                        / floor.getOrDefault("epoll " + idle, Double.NaN), 1.25, true);
            }
            for (String ready : new String[] {"ready=100", "ready=1000"}) {
                target(out, ffm + " ManyReady per event / " + nio22 + ", " + ready,
                        median(rows, "ManyReady", ffm, ready) / median(rows, "ManyReady", nio22, ready), 0.9, true);
            }
            target(out, ffm + " Wakeup / " + nio22, median(rows, "Wakeup", ffm, "") / median(rows, "Wakeup", nio22, ""),
                    1.0, true);
        } else {
            out.append("| the FFM targets | — | — | not measured: bench/run found no JDK 22+ |\n");
        }
        for (String idle : new String[] {"idle=0", "idle=1000", "idle=8000"}) {
            target(out, jna + " PingPong / " + nio + ", " + idle,
                    median(rows, "PingPong", jna, idle) / median(rows, "PingPong", nio, idle), 1.10, true);
        }
        allocation.forEach((row, bytes) -> target(out, "B/op on the ReadyHandler path (AllocationMeter), " + row, bytes,
                0, true));
        String poll = JDK_DEFAULT.label("iowait-poll");
        String jnr = JDK_DEFAULT.label("jnr-enxio");
        for (Row row : rows) {
            if (row.impl.equals(poll)) {
                target(out, poll + " speed / " + jnr + " speed, " + row.benchmark + " " + row.param,
                        median(rows, row.benchmark, jnr, row.param) / row.median, 1.0, false);
            }
        }
        out.append("\nThe B/op targets are measured by the kit's AllocationMeter (`AllocationCheck`): the bytes the")
                .append(" benchmark's own thread allocates per operation in steady state, rounded down, in a JVM of the")
                .append(" row's JDK and layer after the JMH runs. The tables' alloc column is JMH's gc.alloc.rate.norm,")
                .append(" which counts every thread of the forked JVM, and whose last measured iteration also pays for")
                .append(" the trial's tear-down (on FFM, closing a selector links the downcalls that close uses for the")
                .append(" first time, over 100 KB): a fraction of a byte per operation on fast rows, a few bytes on slow")
                .append(" ones (poll at 8,000 idle fds, ManyReady at 1,000).\n\n");
        Path analysis = Path.of(System.getProperty("iowait.bench.analysis", "bench/ANALYSIS.md"));
        if (Files.exists(analysis)) { // written by hand from this run and a profile: see bench/ANALYSIS.md
            out.append(Files.readString(analysis, StandardCharsets.UTF_8).strip()).append("\n\n");
        }
    }

    private static String report(List<Row> rows, Map<String, Double> allocation, Floor floor, boolean quick,
            long minutes) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# iowait benchmark results\n\n");
        out.append("Written by `bench/run`").append(quick ? " (--quick)" : "").append(" on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" in about ")
                .append(minutes).append(" min.\n\n");
        out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append(' ')
                .append(System.getProperty("os.arch")).append(", ").append(System.getProperty("java.vm.name")).append(' ')
                .append(Runtime.version()).append(", JVM args ").append(ManagementFactory.getRuntimeMXBean()
                        .getInputArguments().stream().filter(a -> a.startsWith("-X")).toList()).append(".\n\n");
        out.append("Each figure is the median over forks of each fork's median iteration (").append(quick
                ? "one fork of 3 iterations of 0.5 s after 1 warm-up"
                : "the sides of the targets — iowait-epoll on FFM and on JDK 17's JNA, jdk-nio, and iowait-poll and "
                + "jnr-enxio on JDK 17 — five forks of 3 "
                + "iterations of 1 s after 2 warm-up, taking turns with the other side's, as a JVM here runs fast or "
                + "slow for its whole life and a slow spell of the machine lasts tens of seconds; the others one fork "
                + "of 5 iterations of 1 s after 3 warm-up")
                .append("), ± JMH's 99.9% error over all the forks' iterations, in ns per operation; alloc is JMH's gc.alloc.rate.norm in")
                .append(" bytes per operation; ratio is the median over jdk-nio's median for the same benchmark,")
                .append(" parameter and JDK in this run (below 1 is faster). The machine has 2 noisy cores: differences under")
                .append(" about 10% are noise.\n\n");
        Map<String, List<Row>> byBenchmark = new LinkedHashMap<>();
        for (Row row : rows) {
            byBenchmark.computeIfAbsent(row.benchmark, b -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<Row>> entry : byBenchmark.entrySet()) {
            out.append("## ").append(entry.getKey()).append("\n\n");
            boolean perEvent = entry.getKey().equals("ManyReady");
            out.append("| implementation | parameter | median ns/op | ± error | ")
                    .append(perEvent ? "ns per ready event | " : "").append("alloc B/op | ratio to jdk-nio |\n");
            out.append("|---|---|---:|---:|").append(perEvent ? "---:|" : "").append("---:|---:|\n");
            List<Row> sorted = new ArrayList<>(entry.getValue());
            sorted.sort((a, b) -> a.param.equals(b.param) ? 0 : a.param.length() != b.param.length()
                    ? a.param.length() - b.param.length() : a.param.compareTo(b.param));
            for (Row row : sorted) {
                Row baseline = entry.getValue().stream().filter(r -> r.impl.startsWith("jdk-nio") && r.jdk == row.jdk
                                && r.param.equals(row.param))
                        .findFirst().orElse(null);
                out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | ", row.impl, row.param, row.median,
                        row.error));
                if (perEvent) {
                    out.append(String.format(Locale.ROOT, "%.1f | ", row.perEvent));
                }
                out.append(String.format(Locale.ROOT, "%.1f | %s |%n", row.alloc,
                        baseline == null ? "—" : String.format(Locale.ROOT, "%.2f", row.median / baseline.median)));
            }
            out.append('\n');
        }
        targets(out, rows, allocation, floor);
        out.append("## C floor (raw syscalls, same PingPong over a pipe)\n\n");
        if (floor.isMeasured()) {
            out.append("Each figure is the median of five half-second runs made before the JMH runs, except where")
                    .append(" rounds are counted: there it is the median of one run before each round of the targets'")
                    .append(" forks, next to them in time.\n\n| syscall | idle fds | ns/op | rounds |\n|---|---:|---:|---:|\n");
            floor.figures().forEach((key, ns) -> out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s |%n",
                    key.split(" ")[0], key.split(" ")[1], ns, floor.rounds(key) == 0 ? "—" : floor.rounds(key))));
        } else {
            out.append("(not measured: no C compiler)\n");
        }
        out.append('\n');
        return out.toString();
    }
}
