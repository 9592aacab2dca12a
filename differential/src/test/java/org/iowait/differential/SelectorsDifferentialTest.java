package org.iowait.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Differential test against CPython's {@code selectors}: seeded random op scripts over pipes and socketpairs run by
 * python3 (one process per backend for all seeds) and by iowait's backend of the same kind, each with its own fds,
 * compared step by step. Where iowait's contract differs on purpose, a named {@link Rule} says so; any other
 * difference fails the test with the seed and a delta-debugged op list.
 * {@code -Diowait.differential.seeds=N} (default 300) and {@code -Diowait.differential.firstSeed=S} (default 1)
 * choose the seeds.
 */
class SelectorsDifferentialTest {
    private static final int SEEDS = Integer.getInteger("iowait.differential.seeds", 300);
    private static final long FIRST_SEED = Long.getLong("iowait.differential.firstSeed", 1L);

    @ParameterizedTest(name = "iowait {0} against CPython selectors.{1}")
    @CsvSource({"epoll, EpollSelector", "poll, PollSelector", "select, SelectSelector"})
    void sameAnswersAsCpython(String backend, String selectorClass, @TempDir Path work) throws Exception {
        String missing = CpythonRunner.unavailability();
        if (missing != null && "true".equals(System.getenv("CI"))) {
            fail("CI=true needs python3 for the differential test: " + missing);
        }
        assumeTrue(missing == null, () -> "skipped: " + missing);

        List<Script> scripts = new ArrayList<>();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
            scripts.add(ScriptGenerator.generate(seed));
        }
        CpythonRunner cpython = new CpythonRunner(selectorClass, work);
        IowaitRunner iowait = new IowaitRunner(backend);
        long started = System.nanoTime();
        Map<Long, List<String>> expected = cpython.run(scripts);
        long pythonMillis = (System.nanoTime() - started) / 1_000_000;

        Map<Rule, Integer> rules = new EnumMap<>(Rule.class);
        List<Script> divergent = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        long ops = 0;
        for (Script script : scripts) {
            List<String> actual = iowait.run(script);
            Comparison comparison = new Comparison(script, expected.get(script.seed()), actual);
            comparison.rules.forEach((rule, count) -> rules.merge(rule, count, Integer::sum));
            if (comparison.diverges()) {
                divergent.add(script);
                at.add(comparison.divergence);
                ops += comparison.divergence + 1;
            } else {
                ops += script.ops().size();
            }
        }
        String summary = String.format("iowait %s vs CPython %s: %d seeds, %d ops compared, %d seeds divergent; "
                + "rules applied: %s; CPython took %d ms, iowait+compare %d ms%n", backend, selectorClass, scripts.size(),
                ops, divergent.size(), rules, pythonMillis, (System.nanoTime() - started) / 1_000_000 - pythonMillis);
        System.out.print(summary);
        Files.writeString(Path.of("target", "differential-" + backend + ".txt"), summary);
        if (!divergent.isEmpty()) {
            Script first = divergent.get(0);
            Script minimal = new Minimizer(cpython, iowait, 1_000_000_000L).minimise(first, at.get(0));
            List<String> minimalExpected = cpython.run(List.of(minimal)).get(minimal.seed());
            Comparison minimalComparison = new Comparison(minimal, minimalExpected, iowait.run(minimal));
            fail(summary + "first divergent seed " + first.seed() + " (" + first.pipes() + " pipes, " + first.sockets()
                    + " socketpairs), at step " + at.get(0) + "; minimised by delta debugging to:\n"
                    + minimalComparison.transcript()
                    + "divergent seeds: " + divergent.stream().map(Script::seed).toList());
        }
        assertTrue(ops >= SEEDS, "every seed compared at least one op");
    }
}
