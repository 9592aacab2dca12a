package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.iowait.Selector.READ;
import static org.iowait.Selector.WRITE;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.iowait.Mode;
import org.iowait.Selector;
import org.iowait.posix.Posix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "close and lifecycle": what a closed selector does and releases.
 * Runs as the nested class {@code SelectorTck.Lifecycle}; the fixtures are in {@link TckGroup}.
 */
public abstract class LifecycleGroup extends TckGroup {
    @Test
    @DisplayName("after close every method but close, isOpen, backend and wakeup throws ClosedSelectorException")
    void closedRefusesEverything() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        selector.close();
        assertFalse(selector.isOpen());
        assertEquals(provider().name(), selector.backend());
        assertThrows(ClosedSelectorException.class, () -> selector.register(p[1], WRITE));
        assertThrows(ClosedSelectorException.class, () -> selector.register(p[1], WRITE, null, Mode.LEVEL));
        assertThrows(ClosedSelectorException.class, () -> selector.modify(p[0], WRITE));
        assertThrows(ClosedSelectorException.class, () -> selector.modify(p[0], WRITE, "x"));
        assertThrows(ClosedSelectorException.class, () -> selector.unregister(p[0]));
        assertThrows(ClosedSelectorException.class, () -> selector.select());
        assertThrows(ClosedSelectorException.class, () -> selector.select(Duration.ZERO));
        assertThrows(ClosedSelectorException.class, () -> selector.selectNow());
        assertThrows(ClosedSelectorException.class, () -> selector.select(Duration.ZERO, (k, e) -> { }));
        assertThrows(ClosedSelectorException.class, () -> selector.getKey(p[0]));
        assertThrows(ClosedSelectorException.class, () -> selector.keys());
        selector.wakeup(); // a no-op, as in the JDK: shutdown code may wake a selector another thread closed
        assertThrows(ClosedSelectorException.class, () -> selector.modes());
        assertThrows(ClosedSelectorException.class, () -> selector.register("bad", 0), "closed wins over bad input");
    }

    @Test
    @DisplayName("close twice is fine")
    void closeTwice() throws IOException {
        selector.close();
        selector.close();
        assertFalse(selector.isOpen());
    }

    @Test
    @DisplayName("backend() names the provider and modes() are the provider's")
    void identity() {
        assertEquals(provider().name(), selector.backend());
        assertEquals(provider().modes(), selector.modes());
        assertTrue(selector.isOpen());
    }

    @Test
    @DisplayName("close does not close the registered fds")
    void keepsUserFds() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        selector.close();
        assertTrue(Posix.isOpen(p[0]));
        Fixtures.write(p[1], 1);
        assertEquals(1, Fixtures.read(p[0], 1));
    }

    @Test
    @DisplayName("close from inside a ReadyHandler ends the select and releases the selector")
    void closeInHandler() throws IOException {
        int[] a = fx.pipe();
        int[] b = fx.pipe();
        Fds.Snapshot before = Fds.snapshot();
        Selector s = provider().open();
        s.register(a[0], READ);
        s.register(b[0], READ);
        Fixtures.write(a[1], 1);
        Fixtures.write(b[1], 1);
        AtomicInteger calls = new AtomicInteger();
        try {
            s.select(Tck.scaled(2000), (key, events) -> {
                calls.incrementAndGet();
                s.close();
            });
        } catch (ClosedSelectorException expected) {
            // either outcome is allowed
        }
        assertEquals(1, calls.get(), "no key is handed out after close");
        assertFalse(s.isOpen());
        Fds.assertNoLeak(before, "a selector closed from inside its ReadyHandler");
    }

    @Test
    @DisplayName("the selector's wakeup and kernel fds are close-on-exec")
    void closeOnExec() throws IOException {
        Fds.Snapshot before = Fds.snapshot();
        Selector s = provider().open();
        try {
            for (int fd : before.openedSince(Fds.snapshot()).keySet()) {
                if (Posix.isOpen(fd)) {
                    assertTrue(Posix.isCloseOnExec(fd), "selector fd " + fd + " is close-on-exec");
                }
            }
        } finally {
            s.close();
        }
    }
}
