package org.iowait.differential;

import java.util.List;

/**
 * One seed's test: how many pipes and socketpairs to open, then the ops, one per line in the driver's language
 * ({@code reg END EVENTS}, {@code mod END EVENTS}, {@code unreg END}, {@code write END N}, {@code select}, ...).
 * Ends are named {@code p<i>r}/{@code p<i>w} (pipe read/write end) and {@code s<i>a}/{@code s<i>b} (socketpair).
 */
record Script(long seed, int pipes, int sockets, List<String> ops) {
    /** @return the same set-up with other ops (for minimising) */
    Script withOps(long id, List<String> other) {
        return new Script(id, pipes, sockets, other);
    }

    /** @return the text the Python driver reads */
    String text() {
        StringBuilder b = new StringBuilder();
        b.append("seed ").append(seed).append(" pipes=").append(pipes).append(" sockets=").append(sockets).append('\n');
        for (String op : ops) {
            b.append(op).append('\n');
        }
        return b.append("end\n").toString();
    }
}
