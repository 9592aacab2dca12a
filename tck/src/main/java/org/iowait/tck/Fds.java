package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.iowait.ErrnoException;
import org.iowait.posix.Posix;

/**
 * Fd helpers for the kit and for backend tests beyond it: a free fd number, and leak checks that compare the
 * <em>set</em> of open fds and what they point at, so a report names what leaked instead of giving a count.
 *
 * <pre>{@code
 * Fds.Snapshot before = Fds.snapshot();
 * selector.close();
 * Fds.assertNoLeak(before, "closing the selector");
 * int high = Fds.dupAtLeast(pipe[0], 900);
 * int bad = Fds.closedFd();
 * assertThrows(ErrnoException.class, () -> selector.register(bad, Selector.READ));
 * }</pre>
 */
public final class Fds {
    private static final Path PROC_FDS = Path.of("/proc/self/fd");
    private static final Path DEV_FDS = Path.of("/dev/fd");
    private static final int F_DUPFD = 0; // the same on Linux, macOS, the BSDs and illumos

    private Fds() {
    }

    /**
     * @return an fd number that is not open: a high one, since the kernel hands out the lowest free number and
     *         another thread could otherwise reopen a just-closed low number at any moment
     */
    public static int closedFd() {
        int number = 1000; // below FD_SETSIZE, so every backend can be asked about it
        while (Posix.isOpen(number)) {
            number++;
        }
        return number;
    }

    /**
     * @return a copy of {@code fd} at the lowest free number at or above {@code lowest}, for tests that need a large
     *         fd number: fcntl(F_DUPFD) picks a free number atomically, where dup2 onto a fixed number would silently
     *         close whatever the JVM holds there (a jar, a socket)
     */
    public static int dupAtLeast(int fd, int lowest) throws ErrnoException {
        return Posix.fcntl(fd, F_DUPFD, lowest, "F_DUPFD");
    }

    /** The open fds of this process at one moment: number → target (as readlink shows it, or "?" where unknown). */
    public record Snapshot(Map<Integer, String> fds) {
        public Snapshot {
            fds = Map.copyOf(fds);
        }

        /** @return the fds open now that were not open (to the same target) in this snapshot, minus the JVM's own */
        public Map<Integer, String> openedSince(Snapshot later) {
            Map<Integer, String> opened = new TreeMap<>();
            later.fds.forEach((fd, target) -> {
                if (!target.equals(fds.get(fd)) && !openedByJvm(target)) {
                    opened.put(fd, target);
                }
            });
            return opened;
        }
    }

    /** @return the open fds now, from {@code /proc/self/fd} (or {@code /dev/fd}, numbers only) */
    public static Snapshot snapshot() {
        Path dir = Files.isDirectory(PROC_FDS) ? PROC_FDS : DEV_FDS;
        Map<Integer, String> fds = new TreeMap<>();
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        for (Path entry : entries) {
            int fd = Integer.parseInt(entry.getFileName().toString());
            String target = "?";
            if (dir == PROC_FDS) {
                try {
                    target = Files.readSymbolicLink(entry).toString();
                } catch (NoSuchFileException e) {
                    continue; // closed meanwhile, e.g. the directory stream's own fd
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + entry, e);
                }
            }
            fds.put(fd, target);
        }
        return new Snapshot(fds);
    }

    /** Fails naming each fd that is open now but was not in {@code before} (the JVM's own files excepted). */
    public static void assertNoLeak(Snapshot before, String after) {
        Map<Integer, String> leaked = before.openedSince(snapshot());
        if (!leaked.isEmpty()) {
            fail("fds leaked by " + after + ": " + leaked);
        }
    }

    /**
     * Opens what {@code opener} opens and checks that every fd it created is close-on-exec, so that a child started
     * by another thread never inherits a selector's epoll, kqueue, /dev/poll or wakeup fd. Fds that are files (a
     * target starting with "/") are left out, since the JVM may open one meanwhile.
     *
     * @return how many new fds were checked (at least one)
     */
    public static int assertNewFdsCloseOnExec(Callable<? extends AutoCloseable> opener) throws Exception {
        Snapshot before = snapshot();
        try (AutoCloseable opened = opener.call()) {
            List<String> checked = new ArrayList<>();
            for (Map.Entry<Integer, String> fd : before.openedSince(snapshot()).entrySet()) {
                if (fd.getValue().startsWith("/") || !Posix.isOpen(fd.getKey())) {
                    continue; // a file, or closed meanwhile by another thread: not ours
                }
                assertTrue(Posix.isCloseOnExec(fd.getKey()),
                        "fd " + fd.getKey() + " (" + fd.getValue() + ") opened by " + opened + " is not close-on-exec");
                checked.add(fd.getKey() + " " + fd.getValue());
            }
            assertFalse(checked.isEmpty(), "no new fd to check: " + opened);
            return checked.size();
        }
    }

    /**
     * The rule for files the JVM opens by itself, lazily and at any time, in any thread: jars and class-path entries
     * it loads classes from, files under {@code java.home}, the random devices, and the cgroup and procfs files its
     * container support reads (for example {@code Runtime.availableProcessors()} reads the cgroup's CPU quota and
     * period, two fds open for a moment). Never a count or a tolerance.
     */
    static boolean openedByJvm(String target) {
        if (target.equals("/dev/random") || target.equals("/dev/urandom") || target.endsWith(".jar")
                || target.endsWith(".jmod") || target.startsWith("/sys/fs/cgroup/") || target.startsWith("/proc/")) {
            return true;
        }
        String home = System.getProperty("java.home");
        if (home != null && target.startsWith(home + File.separator)) {
            return true;
        }
        return classPath().contains(target);
    }

    private static Set<String> classPath() {
        Set<String> entries = new java.util.HashSet<>();
        for (String property : new String[] {"java.class.path", "jdk.module.path"}) {
            String value = System.getProperty(property);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isEmpty()) {
                        entries.add(Path.of(entry).toAbsolutePath().toString());
                    }
                }
            }
        }
        return entries;
    }
}
