package org.iowait.differential;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delta debugging (Zeller's ddmin) of a divergent script down to a list of ops that still diverges and from which no
 * chunk can be removed. Each round's candidates go to CPython in one batch.
 */
final class Minimizer {
    private static final int MAX_ROUNDS = 200;

    private final CpythonRunner cpython;
    private final IowaitRunner iowait;
    private long nextId;

    Minimizer(CpythonRunner cpython, IowaitRunner iowait, long firstId) {
        this.cpython = cpython;
        this.iowait = iowait;
        this.nextId = firstId;
    }

    Script minimise(Script failing, int divergence) throws IOException, InterruptedException {
        List<String> ops = new ArrayList<>(failing.ops().subList(0, divergence + 1)); // later steps cannot matter
        int n = 2;
        for (int round = 0; round < MAX_ROUNDS && ops.size() >= 2; round++) {
            List<List<String>> chunks = split(ops, n);
            List<List<String>> candidates = new ArrayList<>(chunks);
            if (n > 2) {
                for (int i = 0; i < chunks.size(); i++) {
                    List<String> complement = new ArrayList<>();
                    for (int j = 0; j < chunks.size(); j++) {
                        if (j != i) {
                            complement.addAll(chunks.get(j));
                        }
                    }
                    candidates.add(complement);
                }
            }
            int winner = firstDivergent(failing, candidates);
            if (winner >= 0 && winner < chunks.size()) {
                ops = new ArrayList<>(candidates.get(winner));
                n = 2;
            } else if (winner >= 0) {
                ops = new ArrayList<>(candidates.get(winner));
                n = Math.max(n - 1, 2);
            } else if (n >= ops.size()) {
                break;
            } else {
                n = Math.min(n * 2, ops.size());
            }
        }
        return failing.withOps(failing.seed(), List.copyOf(ops));
    }

    private int firstDivergent(Script base, List<List<String>> candidates) throws IOException, InterruptedException {
        List<Script> scripts = new ArrayList<>();
        for (List<String> ops : candidates) {
            scripts.add(base.withOps(nextId++, ops));
        }
        Map<Long, List<String>> expected = cpython.run(scripts);
        for (int i = 0; i < scripts.size(); i++) {
            Script s = scripts.get(i);
            if (new Comparison(s, expected.get(s.seed()), iowait.run(s)).diverges()) {
                return i;
            }
        }
        return -1;
    }

    private static List<List<String>> split(List<String> ops, int n) {
        List<List<String>> chunks = new ArrayList<>();
        int size = ops.size();
        for (int i = 0; i < n; i++) {
            List<String> chunk = ops.subList(i * size / n, (i + 1) * size / n);
            if (!chunk.isEmpty()) {
                chunks.add(List.copyOf(chunk));
            }
        }
        return chunks;
    }
}
