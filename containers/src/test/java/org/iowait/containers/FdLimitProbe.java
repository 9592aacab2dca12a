package org.iowait.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.iowait.DefaultSelector;
import org.iowait.ErrnoException;
import org.iowait.Selector;
import org.iowait.posix.Posix;

/**
 * Run inside a container with {@code --ulimit nofile=64}: opens selectors and registers pipes until the limit, and
 * checks that the failure is an EMFILE ErrnoException, that closing everything returns to the starting count of
 * pipes, sockets and event fds, and that the library works again afterwards. Prints one PROBE line per finding and exits 0 when all hold.
 */
public final class FdLimitProbe {
    private FdLimitProbe() {
    }

    /**
     * Counts the kinds of fd this probe makes (pipes, and the selectors' epoll and event fds) and any socket; files are
     * left out, as the JVM opens some by itself at any moment (its cgroup limits, a jar), which a count cannot tell
     * from a leak.
     */
    static long openFds() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(FdLimitProbe::target)
                    .filter(t -> t.startsWith("pipe:") || t.startsWith("anon_inode:") || t.startsWith("socket:"))
                    .count();
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (java.io.IOException e) {
            return ""; // closed meanwhile (the listing's own fd)
        }
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
        long baseline = openFds();
        System.out.println("PROBE backend=" + DefaultSelector.provider().name() + " baseline fds=" + baseline);
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
        long after = openFds();
        System.out.println("PROBE after closing: fds=" + after + " (baseline " + baseline + ")");
        cycle();
        System.out.println("PROBE works again after closing");
        boolean ok = emfile && after == baseline;
        System.out.println(ok ? "PROBE PASS" : "PROBE FAIL: emfile=" + emfile + " leaked=" + (after - baseline));
        System.exit(ok ? 0 : 1);
    }
}
