package org.iowait.differential;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Step-by-step comparison of one script's results: the first step that differs and no {@link Rule} explains. */
final class Comparison {
    final int divergence;
    final Map<Rule, Integer> rules = new EnumMap<>(Rule.class);

    Comparison(Script script, List<String> cpython, List<String> iowait) {
        int found = -1;
        int steps = script.ops().size();
        if (cpython == null || cpython.size() != steps || iowait.size() != steps) {
            found = 0; // a missing or short transcript is a failure of the whole script
        } else {
            for (int i = 0; i < steps; i++) {
                String expected = cpython.get(i);
                String actual = iowait.get(i);
                if (expected.equals(actual)) {
                    continue;
                }
                Rule rule = Rule.explaining(script.ops().get(i), expected, actual);
                if (rule == null) {
                    found = i;
                    break;
                }
                rules.merge(rule, 1, Integer::sum);
            }
        }
        this.divergence = found;
    }

    boolean diverges() {
        return divergence >= 0;
    }

    /** @return every step with both answers, the divergent one marked */
    static String transcript(Script script, List<String> cpython, List<String> iowait) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < script.ops().size(); i++) {
            String expected = cpython != null && i < cpython.size() ? cpython.get(i) : "(none)";
            String actual = i < iowait.size() ? iowait.get(i) : "(none)";
            String mark = expected.equals(actual) ? "  "
                    : Rule.explaining(script.ops().get(i), expected, actual) != null ? "R " : "! ";
            b.append(String.format("  %s%-16s cpython=%-28s iowait=%s%n", mark, script.ops().get(i), expected, actual));
        }
        return b.toString();
    }
}
