package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.iowait.posix.Posix;

/**
 * Fd helpers for backend tests beyond the kit.
 *
 * <pre>{@code
 * int bad = Fds.closedFd();
 * assertThrows(ErrnoException.class, () -> selector.register(bad, Selector.READ));
 * }</pre>
 */
public final class Fds {
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
     * Opens what {@code opener} opens and checks that every fd it created is close-on-exec, so that a child started
     * by another thread never inherits a selector's epoll, kqueue, /dev/poll or wakeup fd. Linux only (it lists
     * {@code /proc/self/fd}); fds that are regular files are left out, since the JVM may open a jar meanwhile.
     *
     * @return how many new fds were checked (at least one)
     */
    public static int assertNewFdsCloseOnExec(Callable<? extends AutoCloseable> opener)
            throws Exception {
        Set<Integer> before = listOpen();
        try (AutoCloseable opened = opener.call()) {
            List<String> checked = new ArrayList<>();
            for (int fd : listOpen()) {
                Path link = Path.of("/proc/self/fd", String.valueOf(fd));
                String target;
                try {
                    target = Files.readSymbolicLink(link).toString();
                } catch (IOException gone) { // closed meanwhile by another thread: not ours
                    continue;
                }
                if (before.contains(fd) || target.startsWith("/")) {
                    continue;
                }
                assertTrue(Posix.isCloseOnExec(fd),
                        "fd " + fd + " (" + target + ") opened by " + opened + " is not close-on-exec");
                checked.add(fd + " " + target);
            }
            assertFalse(checked.isEmpty(), "no new fd to check: " + opened);
            return checked.size();
        }
    }

    /** @return the open fds, without the one the listing itself used (closed again, its number free for reuse) */
    private static Set<Integer> listOpen() throws IOException {
        Set<Integer> listed;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            listed = fds.map(p -> Integer.valueOf(p.getFileName().toString()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        listed.removeIf(fd -> !Posix.isOpen(fd));
        return listed;
    }
}
