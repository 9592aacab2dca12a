package org.iowait.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.iowait.ErrnoException;
import org.iowait.Selector;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one-fd wait against real pipes: readiness, deadlines on the monotonic clock, and bad input. */
class FdWaitTest {
    @Test
    @DisplayName("an empty pipe is writable at once and readable only after a write")
    void readiness() throws Exception {
        int[] p = Posix.pipe(true);
        try {
            assertEquals(Selector.WRITE, FdWait.waitFor(p[1], Selector.WRITE, 0) & Selector.WRITE);
            assertEquals(0, FdWait.waitFor(p[0], Selector.READ, 0), "nothing to read yet");
            Posix.write(p[1], new byte[] {1}, 0, 1);
            assertEquals(Selector.READ, FdWait.waitFor(p[0], Selector.READ, -1) & Selector.READ);
        } finally {
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
    }

    @Test
    @DisplayName("the deadline is kept: not before it, and a write from another thread ends the wait")
    void deadline() throws Exception {
        int[] p = Posix.pipe(true);
        try {
            long start = System.nanoTime();
            assertEquals(0, FdWait.waitFor(p[0], Selector.READ, TimeUnit.MILLISECONDS.toNanos(50)));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "never returns early");
            CountDownLatch waiting = new CountDownLatch(1);
            Thread writer = new Thread(() -> {
                try {
                    waiting.await();
                    Posix.write(p[1], new byte[] {1}, 0, 1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            waiting.countDown();
            int revents = FdWait.waitFor(p[0], Selector.READ, TimeUnit.SECONDS.toNanos(60));
            assertEquals(Selector.READ, revents & Selector.READ, "woken by the write, long before 60 s");
            writer.join();
        } finally {
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
    }

    @Test
    @DisplayName("a closed fd is EBADF; a negative fd or no event is refused with the value named")
    void badInput() throws Exception {
        int[] p = Posix.pipe(true);
        Posix.close(p[0]);
        Posix.close(p[1]);
        ErrnoException e = assertThrows(ErrnoException.class, () -> FdWait.waitFor(p[0], Selector.READ, 0));
        assertEquals("EBADF", e.errnoName());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FdWait.waitFor(-3, Selector.READ, 0))
                .getMessage().contains("-3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FdWait.waitFor(0, 0, 0))
                .getMessage().contains("invalid events 0"));
    }
}
