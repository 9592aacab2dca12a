package org.iowait.containers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.iowait.DefaultSelector;
import org.iowait.ErrnoException;
import org.iowait.Selector;
import org.iowait.posix.Posix;
import org.iowait.tck.Fds;

/**
 * Run inside a container with {@code --ulimit nofile=64}: opens selectors and registers pipes until the limit, and
 * checks that the failure is an EMFILE ErrnoException, that closing everything leaves no fd open that was not open
 * before (the kit's {@link Fds} rule), and that the library works again afterwards. Prints one PROBE line per
 * finding and exits 0 when all hold.
 */
public final class FdLimitProbe {
    private FdLimitProbe() {
    }

    static void cycle() throws Exception {
        try (Selector selector = DefaultSelector.open()) {
            int[] p = Posix.pipe(true);
            selector.register(p[0], Selector.READ);
            Posix.write(p[1], new byte[] {1}, 0, 1);
            if (selector.select(Duration.ofSeconds(5)).size() != 1) {
                throw new IllegalStateException("the pipe was not reported");
            }
            selector.unregister(p[0]);
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
    }

    public static void main(String[] args) throws Exception {
        cycle(); // load every class first: the JVM needs fds to open its jars
        Fds.Snapshot baseline = Fds.snapshot();
        System.out.println("PROBE backend=" + DefaultSelector.provider().name() + " baseline fds="
                + baseline.fds().size());
        List<Selector> selectors = new ArrayList<>();
        List<int[]> pipes = new ArrayList<>();
        Throwable failure = null;
        try {
            for (int i = 0; i < 1000; i++) {
                Selector selector = DefaultSelector.open();
                selectors.add(selector);
                for (int j = 0; j < 3; j++) {
                    int[] p = Posix.pipe(true);
                    pipes.add(p);
                    selector.register(p[0], Selector.READ);
                }
            }
        } catch (Throwable e) {
            failure = e;
        }
        System.out.println("PROBE limit reached after " + selectors.size() + " selectors and " + pipes.size()
                + " pipes: " + failure);
        boolean emfile = failure instanceof ErrnoException errno && errno.errnoName().equals("EMFILE");
        for (Selector selector : selectors) {
            selector.close();
        }
        for (int[] p : pipes) {
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
        // the kit's leak rule: the set of fds compared with the baseline, files the JVM opens by itself excepted
        Map<Integer, String> leaked = baseline.openedSince(Fds.snapshot());
        System.out.println("PROBE after closing: leaked " + leaked);
        cycle();
        System.out.println("PROBE works again after closing");
        boolean ok = emfile && leaked.isEmpty();
        System.out.println(ok ? "PROBE PASS" : "PROBE FAIL: emfile=" + emfile + " leaked=" + leaked);
        System.exit(ok ? 0 : 1);
    }
}
