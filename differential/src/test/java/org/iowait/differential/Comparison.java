package org.iowait.differential;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Step-by-step comparison of one script's results: the first step that differs and no {@link Rule} explains. */
final class Comparison {
    final int divergence;
    final Map<Rule, Integer> rules = new EnumMap<>(Rule.class);
    private final StringBuilder transcript = new StringBuilder();

    Comparison(Script script, List<String> cpython, List<String> iowait) {
        int found = -1;
        int steps = script.ops().size();
        Set<String> registered = new HashSet<>();
        Set<String> closedRegistered = new HashSet<>();
        for (int i = 0; i < steps; i++) {
            String op = script.ops().get(i);
            String expected = cpython != null && i < cpython.size() ? cpython.get(i) : "(none)";
            String actual = i < iowait.size() ? iowait.get(i) : "(none)";
            track(op.split(" "), expected, actual, registered, closedRegistered);
            String mark = "  ";
            if (!expected.equals(actual)) {
                Rule rule = Rule.explaining(op, expected, actual, closedRegistered);
                if (rule != null) {
                    rules.merge(rule, 1, Integer::sum);
                    mark = "R ";
                } else {
                    mark = "! ";
                    if (found < 0) {
                        found = i;
                    }
                }
            }
            transcript.append(String.format("  %s%-16s cpython=%-28s iowait=%s%n", mark, op, expected, actual));
        }
        this.divergence = found;
    }

    /** Keeps which ends are registered, and which of them were closed without unregister (closereg). */
    private static void track(String[] op, String cpython, String iowait, Set<String> registered,
            Set<String> closedRegistered) {
        switch (op[0]) {
            case "reg" -> {
                if (cpython.equals("ok") && iowait.equals("ok")) {
                    registered.add(op[1]);
                }
            }
            case "unreg", "close" -> {
                registered.remove(op[1]);
                closedRegistered.remove(op[1]);
            }
            case "closereg" -> {
                if (registered.remove(op[1])) {
                    closedRegistered.add(op[1]);
                }
            }
            default -> {
                // other ops change no registration
            }
        }
    }

    boolean diverges() {
        return divergence >= 0;
    }

    /** @return every step with both answers; "R" marks a difference a rule explains, "!" one it does not */
    String transcript() {
        return transcript.toString();
    }
}
