package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.iowait.Selector.READ;
import static org.iowait.Selector.WRITE;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.iowait.ErrnoException;
import org.iowait.Selector;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "leaks": fds, native memory, allocation and threads.
 * Runs as the nested class {@code SelectorTck.Leaks}; the fixtures are in {@link TckGroup}.
 */
public abstract class LeaksGroup extends TckGroup {
    @Test
    @DisplayName("opening and closing 200 selectors leaks no fd")
    void openClose() throws IOException {
        provider().open().close(); // warm up lazily opened JDK/JNA fds
        Fds.Snapshot before = Fds.snapshot();
        for (int i = 0; i < 200; i++) {
            Selector s = provider().open();
            s.wakeup();
            s.selectNow();
            s.close();
        }
        Fds.assertNoLeak(before, "opening and closing 200 selectors");
    }

    @Test
    @DisplayName("registering and unregistering 400 fds, then closing, leaks no fd")
    void registrations() throws IOException {
        int[][] pipes = new int[200][]; // stays below select(2)'s FD_SETSIZE
        for (int i = 0; i < pipes.length; i++) {
            pipes[i] = fx.pipe();
        }
        provider().open().close(); // warm up: a first selector may open process-wide fds (libkqueue's monitor)
        Fds.Snapshot before = Fds.snapshot();
        Selector s = provider().open();
        for (int[] p : pipes) {
            s.register(p[0], READ);
            s.register(p[1], WRITE);
        }
        s.select(Duration.ofMillis(10));
        for (int i = 0; i < pipes.length / 2; i++) {
            s.unregister(pipes[i][0]);
            s.unregister(pipes[i][1]);
        }
        s.close();
        Fds.assertNoLeak(before, "registering 400 fds, unregistering 200 and closing the selector");
    }

    @Test
    @DisplayName("a failed registration leaks no fd and changes nothing")
    void failedRegistration() throws IOException {
        int fd = Fixtures.closedFd();
        Fds.Snapshot before = Fds.snapshot();
        for (int i = 0; i < 100; i++) {
            assertThrows(ErrnoException.class, () -> selector.register(fd, WRITE));
        }
        Fds.assertNoLeak(before, "100 failed registrations");
        assertTrue(selector.keys().isEmpty());
    }

    @Test
    @DisplayName("select on the ReadyHandler path allocates nothing per call in steady state")
    void allocationFree() throws Exception {
        assumeTrue(AllocationMeter.isSupported(), "this JVM does not count allocated bytes per thread");
        int[] p = fx.pipe();
        int[] s = fx.socketpair();
        selector.register(p[0], READ);
        selector.register(s[0], READ | WRITE);
        Fixtures.write(p[1], 1);
        int[] count = new int[1];
        org.iowait.ReadyHandler handler = (key, events) -> count[0]++;
        Duration timeout = Duration.ofSeconds(1);
        long perSelect = AllocationMeter.bytesPerCall(20_000, 10_000, () -> selector.select(timeout, handler));
        assertTrue(count[0] >= 2 * 30_000, "both fds reported on every select: " + count[0]);
        assertTrue(perSelect < 8, "allocated " + perSelect + " bytes per select");
    }

    @Test
    @DisplayName("selectors leave no threads behind")
    void threads() throws Exception {
        provider().open().close();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        for (int i = 0; i < 20; i++) {
            try (Selector s = provider().open()) {
                s.wakeup();
                s.select(Duration.ofMillis(1));
            }
        }
        Set<Thread> after = new HashSet<>(Thread.getAllStackTraces().keySet());
        after.removeAll(before);
        for (Thread t : after) {
            t.join(Tck.scaledMillis(2000)); // a thread on its way out gets its time; a kept one stays alive
        }
        after.removeIf(t -> !t.isAlive() || t.getName().startsWith("tck-") || t.getName().contains("surefire"));
        assertTrue(after.isEmpty(), "threads left behind: " + after);
    }
}
