package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.iowait.Selector.READ;
import static org.iowait.Selector.WRITE;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.iowait.ErrnoException;
import org.iowait.posix.Posix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "many fds": thousands of registrations and large fd numbers.
 * Runs as the nested class {@code SelectorTck.ManyFds}; the fixtures are in {@link TckGroup}.
 */
public abstract class ManyFdsGroup extends TckGroup {
    @Test
    @DisplayName("5,000 pipes registered: exactly the written ones are reported")
    void fiveThousand() throws IOException {
        List<int[]> pipes = new ArrayList<>();
        try {
            try {
                for (int i = 0; i < 5000; i++) {
                    pipes.add(Posix.pipe(true));
                }
            } catch (ErrnoException e) {
                assumeTrue(false, "cannot open 10,000 fds here (" + e.getMessage() + "); raise ulimit -n");
            }
            for (int[] p : pipes) {
                try {
                    selector.register(p[0], READ);
                } catch (IllegalArgumentException ceiling) {
                    // only select(2)'s FD_SETSIZE is a documented ceiling; any other refusal is a failure
                    if (ceiling.getMessage() == null || !ceiling.getMessage().contains("FD_SETSIZE")) {
                        throw ceiling;
                    }
                    assumeTrue(false, "this backend refuses fd " + p[0] + ": " + ceiling.getMessage());
                }
            }
            Set<Integer> written = new HashSet<>();
            for (int i = 0; i < pipes.size(); i += 97) {
                Fixtures.write(pipes.get(i)[1], 1);
                written.add(pipes.get(i)[0]);
            }
            Set<Integer> reported = new HashSet<>();
            long until = System.nanoTime() + Tck.scaled(5000).toNanos();
            while (reported.size() < written.size() && System.nanoTime() < until) {
                reported.addAll(byFd(select(Tck.scaledMillis(500))).keySet());
            }
            assertEquals(written, reported);
            assertEquals(5000, selector.keys().size());
        } finally {
            for (int[] p : pipes) {
                Posix.closeQuietly(p[0]);
                Posix.closeQuietly(p[1]);
            }
        }
    }

    @Test
    @DisplayName("200 socketpairs with mixed interests each report exactly their due events")
    void mixed() throws IOException {
        Map<Integer, Integer> expected = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            int[] s = fx.socketpair();
            int events = i % 3 == 0 ? READ : i % 3 == 1 ? WRITE : READ | WRITE;
            selector.register(s[0], events);
            boolean data = i % 2 == 0;
            if (data) {
                Fixtures.write(s[1], 1);
            }
            int due = (events & WRITE) | (data ? events & READ : 0);
            if (due != 0) {
                expected.put(s[0], due);
            }
        }
        Map<Integer, Integer> got = new HashMap<>();
        StringBuilder selects = new StringBuilder(); // how many each select reported, and when: for a failure
        long start = System.nanoTime();
        long until = start + Tck.scaled(5000).toNanos();
        while (!got.equals(expected) && System.nanoTime() < until) {
            Map<Integer, Integer> ready = byFd(select(Tck.scaledMillis(500)));
            got.putAll(ready);
            selects.append(' ').append(ready.size()).append('@').append(elapsedMillis(start)).append("ms");
        }
        assertEquals(expected, got, "selects (fds reported @ time):" + selects);
    }

    @Test
    @DisplayName("10,000 register/unregister cycles on one fd leave no key behind")
    void churn() throws IOException {
        int[] p = fx.pipe();
        for (int i = 0; i < 10_000; i++) {
            selector.register(p[0], READ);
            selector.unregister(p[0]);
        }
        assertTrue(selector.keys().isEmpty());
        Fixtures.write(p[1], 1);
        assertTrue(select(50).isEmpty());
    }

    @Test
    @DisplayName("fds with large numbers are handled")
    void highFd() throws IOException {
        int[] p = fx.pipe();
        int high = Fds.dupAtLeast(p[0], 900); // below FD_SETSIZE, so select is asked too
        fx.own(high);
        selector.register(high, READ);
        Fixtures.write(p[1], 1);
        assertEquals(Map.of(high, READ), events(2000));
    }
}
