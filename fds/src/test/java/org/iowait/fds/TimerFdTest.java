package org.iowait.fds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.iowait.DefaultSelector;
import org.iowait.Selector;
import org.iowait.posix.Posix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TimerFdTest {
    private static final int TICKS = 5;
    private static final long PERIOD_MS = 40;

    static String[] backends() {
        return Scaled.BACKENDS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aPeriodicTimerFiresNTimesNeverEarly(String backend) throws Exception {
        try (TimerFd timer = TimerFd.open(); Selector selector = DefaultSelector.open(backend)) {
            assertTrue(Posix.isNonBlocking(timer.fd()));
            assertTrue(Posix.isCloseOnExec(timer.fd()));
            selector.register(timer, Selector.READ);
            assertTrue(selector.selectNow().isEmpty(), "a new timer is disarmed");
            long started = System.nanoTime();
            timer.schedule(Duration.ofMillis(PERIOD_MS), Duration.ofMillis(PERIOD_MS));
            long expirations = 0;
            long deadline = Scaled.deadline(TICKS * PERIOD_MS + 5_000);
            while (expirations < TICKS) {
                assertTrue(System.nanoTime() < deadline, "only " + expirations + " expirations in time");
                if (!selector.select(Scaled.millis(1_000)).isEmpty()) {
                    long n = timer.drain();
                    assertTrue(n > 0, "readable means at least one expiration");
                    expirations += n;
                }
            }
            long elapsed = System.nanoTime() - started;
            // the monotonic clock never fires early: N ticks take at least N periods
            assertTrue(elapsed >= Duration.ofMillis(TICKS * PERIOD_MS).toNanos(),
                    TICKS + " ticks after only " + elapsed / 1_000_000 + " ms");
            timer.cancel();
            timer.drain();
            assertTrue(selector.select(Duration.ofMillis(3 * PERIOD_MS)).isEmpty(), "a cancelled timer is quiet");
            selector.unregister(timer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aOneShotTimerFiresOnce(String backend) throws Exception {
        try (TimerFd timer = TimerFd.open(); Selector selector = DefaultSelector.open(backend)) {
            selector.register(timer, Selector.READ);
            timer.schedule(Duration.ofMillis(20), Duration.ZERO);
            assertEquals(1, selector.select(Scaled.millis(5_000)).size());
            assertEquals(1, timer.drain());
            assertTrue(selector.select(Duration.ofMillis(100)).isEmpty(), "one-shot: no second expiration");
            assertEquals(0, timer.drain());
            timer.schedule(Duration.ZERO, Duration.ZERO); // zero: at once, not "disarm"
            assertEquals(1, selector.select(Scaled.millis(5_000)).size());
            assertEquals(1, timer.drain());
            selector.unregister(timer);
        }
    }

    @Test
    void badInputsAndAClosedTimerFailClearly() throws Exception {
        TimerFd timer = TimerFd.open();
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> timer.schedule(Duration.ofMillis(-1), Duration.ZERO));
        assertTrue(negative.getMessage().contains("negative"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> timer.schedule(Duration.ZERO, Duration.ofSeconds(-1)));
        NullPointerException missing = assertThrows(NullPointerException.class, () -> timer.schedule(null, Duration.ZERO));
        assertEquals("first is null", missing.getMessage());
        assertEquals(0, timer.drain(), "refused schedules left it disarmed");
        timer.schedule(Duration.ofDays(365_000), Duration.ofDays(365_000)); // huge: accepted, never fires here
        assertEquals(0, timer.drain());
        int fd = timer.fd();
        timer.close();
        assertFalse(Posix.isOpen(fd));
        assertEquals(-1, timer.fd());
        IllegalStateException closed = assertThrows(IllegalStateException.class, timer::drain);
        assertEquals("TimerFd is closed", closed.getMessage());
        assertThrows(IllegalStateException.class, () -> timer.schedule(Duration.ZERO, Duration.ZERO));
        assertTrue(TimerFd.isAvailable());
        assertTrue(TimerFd.unavailabilityCause().isEmpty());
    }
}
