package org.iowait.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.iowait.DefaultSelector;
import org.iowait.spi.SelectorProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs {@link SelectorTck} against every available provider on the class path (or one, with {@code --backend}) and
 * prints the environment, a provider × group table, every failure and a verdict; exits non-zero on any failure.
 *
 * <pre>{@code
 * java -jar tck/target/iowait-tck.jar --backend poll
 * java -cp iowait-tck.jar:my-backend.jar org.iowait.tck.TckMain
 * }</pre>
 */
public final class TckMain {
    private TckMain() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(List.of(args), System.out);
        } catch (RuntimeException | LinkageError e) {
            System.out.println("VERDICT: FAIL - the kit could not run: " + e);
            e.printStackTrace(System.out);
            status = 1;
        }
        System.exit(status);
    }

    /** @return 0 when every test passed, 1 on any failure, 2 on bad usage or when there is nothing to check */
    public static int run(List<String> args, PrintStream out) {
        String backend = DefaultSelector.forced().orElse(null); // -Diowait.backend / IOWAIT_BACKEND pick it too
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--backend" -> {
                    if (i + 1 >= args.size()) {
                        out.println("--backend needs a name");
                        return 2;
                    }
                    backend = args.get(++i);
                }
                case "--help", "-h" -> {
                    out.println("usage: java -jar iowait-tck.jar [--backend NAME]   (-Diowait.tck.timeoutFactor=N for slow machines)");
                    return 0;
                }
                default -> {
                    out.println("unknown argument '" + args.get(i) + "'; usage: java -jar iowait-tck.jar [--backend NAME]");
                    return 2;
                }
            }
        }
        List<SelectorProvider> chosen = new ArrayList<>();
        for (SelectorProvider provider : DefaultSelector.providers()) {
            if ((backend == null || provider.name().equals(backend)) && provider.isAvailable()) {
                chosen.add(provider);
            }
        }
        printEnvironment(out, chosen);
        if (chosen.isEmpty()) {
            out.println(backend == null ? "VERDICT: FAIL - no available backend on the class path"
                    : "VERDICT: FAIL - no available backend named '" + backend + "'; the candidates are listed above");
            return 2;
        }
        String missing = Prerequisites.missing().orElse(null);
        if (missing != null) { // one message up front, not one failure per test
            out.println("VERDICT: FAIL - " + missing);
            return 2;
        }
        Map<String, Map<String, int[]>> table = new LinkedHashMap<>();
        Set<String> groups = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        Progress progress = Progress.forConsole(out);
        for (SelectorProvider provider : chosen) {
            Map<String, int[]> counts = runKit(provider, failures, progress);
            groups.addAll(counts.keySet());
            table.put(provider.name(), counts);
        }
        printTable(out, table, groups);
        int passed = 0;
        int skipped = 0;
        for (Map<String, int[]> counts : table.values()) {
            for (int[] c : counts.values()) {
                passed += c[0];
                skipped += c[2];
            }
        }
        if (!failures.isEmpty()) {
            out.println();
            out.println("Failures:");
            failures.forEach(f -> out.println("  " + f));
        }
        out.println();
        out.printf(Locale.ROOT, "VERDICT: %s - %d passed, %d failed, %d skipped on %s in %.1f s%n",
                failures.isEmpty() ? "PASS" : "FAIL", passed, failures.size(), skipped, table.keySet(),
                (System.nanoTime() - start) / 1e9);
        return failures.isEmpty() ? 0 : 1;
    }

    private static void printEnvironment(PrintStream out, List<SelectorProvider> underTest) {
        out.println("iowait TCK");
        out.printf(Locale.ROOT, "  os: %s %s (%s), arch %s, %s-endian%n", System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("os.arch"),
                java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.BIG_ENDIAN ? "big" : "little");
        out.printf(Locale.ROOT, "  java: %s %s (%s)%n", System.getProperty("java.vm.name"),
                Runtime.version(), System.getProperty("java.vendor"));
        out.printf(Locale.ROOT, "  jna: %s, timeout factor %s, open fds %d%n", jnaVersion(), Tck.FACTOR, Fds.snapshot().fds().size());
        for (String line : DefaultSelector.describe().split("\n")) {
            // describe() marks and names DefaultSelector's choice, which is not what this run tests: call it the
            // default, and say below what the run does test.
            if (!line.trim().startsWith("chosen:")) {
                out.println("  " + line.replace("CHOSEN ", "default"));
            }
        }
        out.println("  under test: " + (underTest.isEmpty() ? "nothing"
                : String.join(", ", underTest.stream().map(SelectorProvider::name).toList())));
        out.println();
    }

    private static String jnaVersion() {
        try {
            return com.sun.jna.Native.VERSION;
        } catch (LinkageError e) {
            return "unavailable (" + e + ")";
        }
    }

    /** @return group display name → {passed, failed, skipped} */
    private static Map<String, int[]> runKit(SelectorProvider provider, List<String> failures, Progress progress) {
        ConfiguredTck.current = provider;
        Map<String, int[]> counts = new LinkedHashMap<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ConfiguredTck.class)).build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            private TestPlan plan;

            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                plan = testPlan;
                progress.backendStarted(provider.name());
            }

            @Override
            public void testPlanExecutionFinished(TestPlan testPlan) {
                progress.backendFinished();
            }

            private boolean isGroup(TestIdentifier node) {
                return plan.getParent(node).map(p -> p.getDisplayName().equals(ConfiguredTck.class.getSimpleName()))
                        .orElse(false) && node.isContainer();
            }

            private String group(TestIdentifier test) {
                TestIdentifier node = test;
                while (true) {
                    TestIdentifier parent = plan.getParent(node).orElse(null);
                    if (parent == null || parent.getDisplayName().equals(ConfiguredTck.class.getSimpleName())) {
                        return node == test ? "(kit)" : node.getDisplayName();
                    }
                    node = parent;
                }
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                if (test.isTest()) {
                    counts.computeIfAbsent(group(test), g -> new int[3])[2]++;
                    progress.testFinished(group(test), counts.get(group(test)));
                }
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (isGroup(test)) {
                    progress.groupFinished(test.getDisplayName(), counts.getOrDefault(test.getDisplayName(), new int[3]));
                }
                if (!test.isTest()) {
                    if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                        failures.add(provider.name() + " / " + test.getDisplayName() + ": "
                                + result.getThrowable().map(Throwable::toString).orElse("failed"));
                    }
                    return;
                }
                int[] c = counts.computeIfAbsent(group(test), g -> new int[3]);
                switch (result.getStatus()) {
                    case SUCCESSFUL -> c[0]++;
                    case ABORTED -> c[2]++;
                    case FAILED -> {
                        c[1]++;
                        failures.add(provider.name() + " / " + group(test) + " / " + test.getDisplayName() + ": "
                                + result.getThrowable().map(Throwable::toString).orElse("failed"));
                    }
                }
                progress.testFinished(group(test), c);
            }
        });
        return counts;
    }

    private static void printTable(PrintStream out, Map<String, Map<String, int[]>> table, Set<String> groups) {
        out.println();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-22s", "group \\ backend"));
        table.keySet().forEach(name -> header.append(String.format(Locale.ROOT, " | %-18s", name)));
        out.println(header);
        out.println("-".repeat(header.length()));
        for (String group : groups) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-22s", group));
            for (Map<String, int[]> counts : table.values()) {
                int[] c = counts.getOrDefault(group, new int[3]);
                row.append(String.format(Locale.ROOT, " | %3d ok %2d F %2d skip", c[0], c[1], c[2]));
            }
            out.println(row);
        }
    }
}
