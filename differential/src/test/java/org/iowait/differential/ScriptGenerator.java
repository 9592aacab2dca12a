package org.iowait.differential;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random op scripts from a seed. It models registrations and closed ends only to steer the mix (mostly valid calls,
 * some duplicates, unknown ends and bad events; closing mostly after unregister); results are never predicted here.
 */
final class ScriptGenerator {
    static final int OPS_PER_SCRIPT = 40;
    private static final int[] BAD_EVENTS = {0, 4, 7, -1};

    private ScriptGenerator() {
    }

    static Script generate(long seed) {
        Random random = new Random(seed);
        int pipes = 1 + random.nextInt(2);
        int sockets = 1 + random.nextInt(2);
        List<String> ends = new ArrayList<>();
        List<String> socketEnds = new ArrayList<>();
        for (int i = 0; i < pipes; i++) {
            ends.add("p" + i + "r");
            ends.add("p" + i + "w");
        }
        for (int i = 0; i < sockets; i++) {
            socketEnds.add("s" + i + "a");
            socketEnds.add("s" + i + "b");
        }
        ends.addAll(socketEnds);
        Map<String, Integer> registered = new HashMap<>();
        Set<String> closed = new LinkedHashSet<>();
        List<String> ops = new ArrayList<>();
        while (ops.size() < OPS_PER_SCRIPT) {
            List<String> open = ends.stream().filter(e -> !closed.contains(e)).toList();
            if (!closed.isEmpty() && random.nextInt(20) == 0) {
                ops.add("unreg " + closed.iterator().next()); // unregister after close succeeds and returns the key
                continue;
            }
            String end = open.get(random.nextInt(open.size()));
            int valid = 1 + random.nextInt(3);
            int bad = BAD_EVENTS[random.nextInt(BAD_EVENTS.length)];
            int dice = random.nextInt(100);
            if (dice < 20) {
                ops.add("reg " + end + " " + valid);
                registered.putIfAbsent(end, valid);
            } else if (dice < 24) {
                ops.add("reg " + end + " " + bad);
            } else if (dice < 25) {
                ops.add("regneg " + valid);
            } else if (dice < 37) {
                ops.add("mod " + end + " " + valid);
                registered.computeIfPresent(end, (k, v) -> valid);
            } else if (dice < 40) {
                ops.add("mod " + end + " " + bad);
            } else if (dice < 48) {
                ops.add("unreg " + end);
                registered.remove(end);
            } else if (dice < 49) {
                ops.add("unregbig");
            } else if (dice < 59) {
                ops.add("write " + usually(random, open, "r", end) + " " + (1 + random.nextInt(5000)));
            } else if (dice < 67) {
                ops.add("read " + usually(random, open, "w", end) + " " + (1 + random.nextInt(5000)));
            } else if (dice < 71) {
                ops.add("fill " + usually(random, open, "r", end));
            } else if (dice < 75) {
                ops.add("drain " + usually(random, open, "w", end));
            } else if (dice < 77) {
                if (open.size() > 2) {
                    // mostly as documented (unregister before close); sometimes not, which the rules cover
                    ops.add((registered.containsKey(end) && random.nextBoolean() ? "closereg " : "close ") + end);
                    closed.add(end);
                    if (ops.get(ops.size() - 1).startsWith("closereg") && random.nextBoolean()) {
                        ops.add("select");
                        ops.add("unreg " + end);
                    }
                    registered.remove(end);
                }
            } else if (dice < 80) {
                List<String> openSockets = socketEnds.stream().filter(e -> !closed.contains(e)).toList();
                if (!openSockets.isEmpty()) {
                    String how = new String[] {"rd", "wr", "rdwr"}[random.nextInt(3)];
                    ops.add("shut " + openSockets.get(random.nextInt(openSockets.size())) + " " + how);
                }
            } else {
                ops.add("select");
            }
        }
        return new Script(seed, pipes, sockets, List.copyOf(ops));
    }

    /** Mostly an open end that does not end with {@code wrongSuffix} (a pipe's read end is not written), else any. */
    private static String usually(Random random, List<String> open, String wrongSuffix, String any) {
        List<String> fitting = open.stream().filter(e -> !e.startsWith("p") || !e.endsWith(wrongSuffix)).toList();
        return random.nextInt(5) == 0 || fitting.isEmpty() ? any : fitting.get(random.nextInt(fitting.size()));
    }
}
