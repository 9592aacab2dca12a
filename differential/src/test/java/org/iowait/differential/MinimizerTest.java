package org.iowait.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison and the delta debugging find a divergence planted in iowait's answers, and only that one. */
class MinimizerTest {
    /** Misreports every select that follows a write to p0w, as a backend losing one fd's events would. */
    static final class PlantedBug extends IowaitRunner {
        PlantedBug() {
            super("poll");
        }

        @Override
        List<String> run(Script script) throws IOException {
            List<String> results = new ArrayList<>(super.run(script));
            boolean written = false;
            for (int i = 0; i < results.size(); i++) {
                String op = script.ops().get(i);
                written |= op.startsWith("write p0w") && results.get(i).matches("wrote:[1-9].*");
                if (written && op.equals("select")) {
                    results.set(i, "ready:planted");
                }
            }
            return results;
        }
    }

    @Test
    @DisplayName("a planted divergence is found and minimised to a write to p0w followed by a select")
    void plantedDivergence(@TempDir Path work) throws Exception {
        assumeTrue(CpythonRunner.unavailability() == null, "needs python3");
        CpythonRunner cpython = new CpythonRunner("PollSelector", work);
        Script script = new Script(7, 1, 1, List.of("reg p0r 1", "reg s0a 2", "select", "write s0b 10",
                "mod s0a 3", "select", "unreg s0a", "write p0w 5", "read s0a 3", "reg s0b 1", "select", "select"));
        Comparison honest = new Comparison(script, cpython.run(List.of(script)).get(7L), new IowaitRunner("poll").run(script));
        assertTrue(!honest.diverges(), "the unplanted run agrees with CPython");

        PlantedBug bug = new PlantedBug();
        Comparison planted = new Comparison(script, cpython.run(List.of(script)).get(7L), bug.run(script));
        assertEquals(10, planted.divergence);
        Script minimal = new Minimizer(cpython, bug, 100).minimise(script, planted.divergence);
        assertEquals(List.of("write p0w 5", "select"), minimal.ops());
    }
}
