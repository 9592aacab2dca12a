package org.iowait.devpoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

import org.iowait.ErrnoException;
import org.iowait.posix.Posix;
import org.iowait.tck.Fds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Modelled on CPython's test_devpoll.py, against the emulator. */
class DevPollTest {
    @Test
    @DisplayName("register, modify and unregister drive which pipe ends are reported")
    void events() throws IOException {
        int[] p = Posix.pipe(true);
        try (DevPoll dp = DevPoll.open()) {
            dp.register(p[0], DevPoll.POLLIN);
            dp.register(p[1], DevPoll.POLLOUT);
            assertEquals(List.of(new DevPoll.Event(p[1], DevPoll.POLLOUT)), dp.poll(Duration.ZERO));
            Posix.write(p[1], new byte[] {1}, 0, 1);
            assertEquals(2, dp.poll(Duration.ofSeconds(1)).size());
            dp.modify(p[1], DevPoll.POLLIN); // replaces POLLOUT: Solaris would OR it without the POLLREMOVE
            assertEquals(List.of(new DevPoll.Event(p[0], DevPoll.POLLIN)), dp.poll(Duration.ofSeconds(1)));
            dp.unregister(p[0]);
            assertFalse(dp.isPolled(p[0]));
            assertTrue(dp.isPolled(p[1]));
            assertEquals(List.of(), dp.poll(Duration.ZERO));
            assertThrows(NoSuchElementException.class, () -> dp.unregister(p[0]));
            assertThrows(NoSuchElementException.class, () -> dp.modify(p[0], DevPoll.POLLIN));
            assertThrows(IllegalArgumentException.class, () -> dp.register(-1, DevPoll.POLLIN));
        } finally {
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
    }

    @Test
    @DisplayName("a timeout is waited out; null or negative blocks until ready; a closed fd gives EBADF")
    void timeouts() throws Exception {
        int[] p = Posix.pipe(true);
        try (DevPoll dp = DevPoll.open()) {
            dp.register(p[0], DevPoll.POLLIN);
            long start = System.nanoTime();
            assertEquals(List.of(), dp.poll(Duration.ofMillis(120)));
            assertTrue(System.nanoTime() - start >= 120_000_000L, "no early return");
            Thread writer = new Thread(() -> { // before or while poll blocks: either way it must return the fd
                try {
                    Posix.write(p[1], new byte[] {1}, 0, 1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            assertEquals(1, dp.poll(Duration.ofSeconds(-1)).size());
            writer.join();
            int bad = Fds.closedFd();
            assertEquals("EBADF", assertThrows(ErrnoException.class, () -> dp.register(bad, DevPoll.POLLIN)).errnoName());
        } finally {
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
    }

    @Test
    @DisplayName("a closed DevPoll refuses every operation; its fd is close-on-exec")
    void closed() throws IOException {
        DevPoll dp = DevPoll.open();
        int fd = dp.fileno();
        assertTrue(Posix.isCloseOnExec(fd));
        dp.close();
        dp.close();
        assertTrue(dp.isClosed());
        assertFalse(Posix.isOpen(fd));
        assertThrows(IllegalStateException.class, dp::fileno);
        assertThrows(IllegalStateException.class, () -> dp.register(0, DevPoll.POLLIN));
        assertThrows(IllegalStateException.class, () -> dp.modify(0, DevPoll.POLLIN));
        assertThrows(IllegalStateException.class, () -> dp.unregister(0));
        assertThrows(IllegalStateException.class, () -> dp.poll(Duration.ZERO));
        assertThrows(IllegalStateException.class, () -> dp.isPolled(0));
    }
}
