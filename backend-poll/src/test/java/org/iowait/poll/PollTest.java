package org.iowait.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.iowait.ErrnoException;
import org.iowait.posix.Posix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Modelled on CPython's test_poll.py, over real pipes. */
class PollTest {
    @Test
    @DisplayName("POLLIN after a write, POLLOUT on a writable end, nothing when idle")
    void basic() throws IOException {
        int[] p = Posix.pipe(true);
        try (Poll poll = new Poll()) {
            poll.register(p[0], Poll.POLLIN);
            poll.register(p[1], Poll.POLLOUT);
            assertEquals(List.of(new Poll.Event(p[1], Poll.POLLOUT)), poll.poll(Duration.ZERO));
            Posix.write(p[1], new byte[] {1}, 0, 1);
            assertEquals(List.of(new Poll.Event(p[0], Poll.POLLIN), new Poll.Event(p[1], Poll.POLLOUT)),
                    poll.poll(Duration.ofSeconds(1)));
            poll.register(p[1], Poll.POLLIN); // registering again replaces the mask
            assertEquals(Map.of(p[0], Poll.POLLIN, p[1], Poll.POLLIN), poll.registered());
        } finally {
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
    }

    @Test
    @DisplayName("POLLHUP after the writer closes, POLLERR after the reader closes, POLLNVAL for a closed fd")
    void conditions() throws IOException {
        int[] a = Posix.pipe(true);
        int[] b = Posix.pipe(true);
        try (Poll poll = new Poll()) {
            poll.register(a[0], Poll.POLLIN);
            Posix.close(a[1]);
            assertEquals(Poll.POLLHUP, poll.poll(Duration.ofSeconds(1)).get(0).revents());
            poll.unregister(a[0]);
            poll.register(b[1], Poll.POLLOUT);
            Posix.close(b[0]);
            assertTrue((poll.poll(Duration.ofSeconds(1)).get(0).revents() & Poll.POLLERR) != 0);
            poll.unregister(b[1]);
            Posix.close(a[0]);
            poll.register(a[0], Poll.POLLIN);
            assertEquals(List.of(new Poll.Event(a[0], Poll.POLLNVAL)), poll.poll(Duration.ZERO));
        } finally {
            Posix.closeQuietly(b[1]);
        }
    }

    @Test
    @DisplayName("timeouts are waited out; unknown fds and negative fds are refused; a closed Poll refuses everything")
    void errors() throws IOException {
        Poll poll = new Poll();
        long start = System.nanoTime();
        assertTrue(poll.poll(Duration.ofMillis(100)).isEmpty());
        assertTrue(System.nanoTime() - start >= 100_000_000L, "no early return");
        assertThrows(NoSuchElementException.class, () -> poll.unregister(5));
        assertThrows(NoSuchElementException.class, () -> poll.modify(5, Poll.POLLIN));
        assertThrows(IllegalArgumentException.class, () -> poll.register(-1, Poll.POLLIN));
        poll.close();
        poll.close();
        assertTrue(poll.isClosed());
        assertThrows(IllegalStateException.class, () -> poll.register(0, Poll.POLLIN));
        assertThrows(IllegalStateException.class, () -> poll.poll(Duration.ZERO));
        assertThrows(IllegalStateException.class, poll::registered);
    }

    @Test
    @DisplayName("poll grows past its initial array for hundreds of fds")
    void many() throws ErrnoException {
        int[][] pipes = new int[300][];
        try (Poll poll = new Poll()) {
            for (int i = 0; i < pipes.length; i++) {
                pipes[i] = Posix.pipe(true);
                poll.register(pipes[i][1], Poll.POLLOUT);
            }
            assertEquals(300, poll.poll(Duration.ofSeconds(1)).size());
        } finally {
            for (int[] p : pipes) {
                if (p != null) {
                    Posix.closeQuietly(p[0]);
                    Posix.closeQuietly(p[1]);
                }
            }
        }
    }
}
