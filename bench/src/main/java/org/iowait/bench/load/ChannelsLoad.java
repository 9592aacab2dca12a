package org.iowait.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.iowait.DefaultSelector;
import org.iowait.bench.ResultsFile;
import org.iowait.channels.Buffering;

/**
 * The channels load benchmark (issue 10, item 6): an echo server on iowait's {@code Poller} against the same server on
 * {@code java.nio.channels.Selector} and on Netty's epoll transport, each driven by one load client at 100 and 1,000
 * connections. Writes a "Channels under load" section into RESULTS.md (replacing an earlier one).
 *
 * <pre>{@code
 * java --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
 *     -cp bench/target/benchmarks.jar org.iowait.bench.load.ChannelsLoad [--quick] bench/RESULTS.md
 * }</pre>
 */
public final class ChannelsLoad {
    static final String HEADING = "## Channels under load: echo server, Poller vs NIO Selector vs Netty";

    private ChannelsLoad() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path results = args.length > 0 && !args[args.length - 1].startsWith("--") ? Path.of(args[args.length - 1]) : null;
        long warmup = quick ? 1_000 : 3_000;
        long measure = quick ? 2_000 : 5_000;
        int rounds = quick ? 1 : 5;
        List<Callable<EchoServer>> servers = List.of(
                () -> new PollerEchoServer(Buffering.BYTES),
                () -> new PollerEchoServer(Buffering.LINE),
                NioEchoServer::new,
                NettyEchoServer::new);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        String loadBefore = loadAverage();
        StringBuilder table = new StringBuilder();
        table.append("| server | connections | round trips/s | p50 µs | p99 µs | server CPU µs per round trip "
                + "| vs NIO: throughput | vs NIO: p99 | vs NIO: CPU | target |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (int connections : new int[] {100, 1_000}) {
            String[] names = new String[servers.size()];
            List<List<LoadClient.Result>> runs = new java.util.ArrayList<>();
            for (int s = 0; s < servers.size(); s++) {
                runs.add(new java.util.ArrayList<>());
            }
            // Rounds go through every server in turn, so a burst of load from elsewhere hits them all alike; each
            // figure is the median of its rounds, so one lucky or unlucky round moves no ratio.
            for (int round = 0; round < rounds; round++) {
                for (int s = 0; s < servers.size(); s++) {
                    try (EchoServer server = servers.get(s).call()) {
                        names[s] = server.name();
                        long loop = server.eventLoop().getId();
                        LoadClient.Result r = LoadClient.run(server.port(), connections, warmup, measure,
                                () -> threads.getThreadCpuTime(loop));
                        System.out.printf(Locale.ROOT, "%-24s %5d conns: %,10.0f round trips/s, p50 %7.1f us, "
                                + "p99 %7.1f us, server CPU %5.2f us/rt%n", names[s], connections, r.opsPerSecond(),
                                r.p50Micros(), r.p99Micros(), r.serverCpuMicros());
                        runs.get(s).add(r);
                    }
                }
            }
            LoadClient.Result[] medians = new LoadClient.Result[servers.size()];
            for (int s = 0; s < servers.size(); s++) {
                medians[s] = median(runs.get(s));
            }
            List<String> nameList = List.of(names);
            List<LoadClient.Result> medianList = List.of(medians);
            LoadClient.Result nio = medianList.get(nameList.indexOf("JDK NIO Selector"));
            for (int i = 0; i < nameList.size(); i++) {
                LoadClient.Result r = medianList.get(i);
                double throughput = r.opsPerSecond() / nio.opsPerSecond();
                double p99 = r.p99Micros() / nio.p99Micros();
                double cpu = r.serverCpuMicros() / nio.serverCpuMicros();
                String verdict = !nameList.get(i).startsWith("iowait") ? ""
                        : throughput >= 0.9 && p99 <= 1.2 ? "met" : "**missed**";
                table.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.0f | %.0f | %.2f | %.2f× | %.2f× | %.2f× "
                        + "| %s |%n", nameList.get(i), connections, r.opsPerSecond(), r.p50Micros(), r.p99Micros(),
                        r.serverCpuMicros(), throughput, p99, cpu, verdict));
            }
        }
        String loadAfter = loadAverage();
        boolean busy = Math.max(parse(loadBefore), parse(loadAfter)) > Runtime.getRuntime().availableProcessors();
        String section = HEADING + "\n\n"
                + "Generated by `org.iowait.bench.load.ChannelsLoad`" + (quick ? " (--quick)" : "") + " on "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + ", iowait backend "
                + DefaultSelector.provider().name() + ". Each server runs one event-loop thread; one load-client thread "
                + "(NIO) keeps every connection in a closed loop of 64-byte lines (send, wait for the echo, send again). "
                + "Server CPU is the event-loop thread's CPU time over the measured window per round trip: it depends "
                + "far less on other load than throughput does, since client and server share the cores. "
                + "Warm-up " + warmup / 1000 + " s, then " + measure / 1000 + " s measured; each figure is the median of "
                + rounds + " round(s) per cell. Target: Poller ≥ 0.9× the NIO throughput, p99 ≤ 1.2×. Load average (/proc/loadavg, "
                + "1 min) " + loadBefore + " before and " + loadAfter + " after the run"
                + (busy ? ": above the core count, so the ratios measure the scheduler as much as the servers" : "")
                + ".\n\n" + table;
        System.out.println();
        System.out.println(section);
        if (results != null) {
            ResultsFile.replaceSection(results, HEADING, section);
        }
    }

    /** @return each figure's median over the rounds */
    private static LoadClient.Result median(List<LoadClient.Result> runs) {
        return new LoadClient.Result(runs.get(0).connections(),
                median(runs, LoadClient.Result::opsPerSecond), median(runs, LoadClient.Result::p50Micros),
                median(runs, LoadClient.Result::p99Micros), median(runs, LoadClient.Result::serverCpuMicros));
    }

    private static double median(List<LoadClient.Result> runs, java.util.function.ToDoubleFunction<LoadClient.Result> f) {
        double[] values = runs.stream().mapToDouble(f).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double parse(String load) {
        try {
            return Double.parseDouble(load);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** @return the 1-minute load average, or "unknown" off Linux */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
