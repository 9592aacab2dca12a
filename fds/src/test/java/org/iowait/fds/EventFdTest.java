package org.iowait.fds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.iowait.DefaultSelector;
import org.iowait.Selector;
import org.iowait.posix.Posix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventFdTest {
    static String[] backends() {
        return Scaled.BACKENDS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void signalsFromOtherThreadsAddUpAndWakeTheSelector(String backend) throws Exception {
        try (EventFd counter = EventFd.open()) {
            assertTrue(counter.isEventFd(), "Linux gives a real eventfd");
            signalsAddUp(counter, backend);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void thePipeStandInCountsTheSame(String backend) throws Exception {
        try (EventFd counter = EventFd.openPipe()) {
            assertFalse(counter.isEventFd());
            signalsAddUp(counter, backend);
        }
    }

    private static void signalsAddUp(EventFd counter, String backend) throws Exception {
        int threads = 4;
        int each = 2_000;
        try (Selector selector = DefaultSelector.open(backend)) {
            assertTrue(Posix.isNonBlocking(counter.fd()));
            assertTrue(Posix.isCloseOnExec(counter.fd()));
            selector.register(counter, Selector.READ);
            assertTrue(selector.selectNow().isEmpty(), "a new counter is not readable");
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> signallers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < each; i++) {
                            counter.signal(1);
                        }
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                thread.start();
                signallers.add(thread);
            }
            start.countDown();
            long total = 0;
            long deadline = Scaled.deadline(20_000);
            while (total < (long) threads * each) {
                assertTrue(System.nanoTime() < deadline, "only " + total + " signals arrived");
                if (!selector.select(Scaled.millis(1_000)).isEmpty()) {
                    long drained = counter.drain();
                    // an eventfd is readable only above zero; the pipe may be readable once more after a drain
                    assertTrue(drained > 0 || !counter.isEventFd(), "readable means a count above zero");
                    total += drained;
                }
            }
            for (Thread thread : signallers) {
                thread.join();
            }
            assertEquals((long) threads * each, total);
            assertEquals(0, counter.drain());
            assertTrue(selector.selectNow().isEmpty(), "drained: not readable");
            selector.unregister(counter);
        }
    }

    @Test
    void theCountIsTheSumAndDrainResetsIt() throws Exception {
        try (EventFd counter = EventFd.open()) {
            assertEquals(0, counter.drain());
            counter.signal(5);
            counter.signal(Long.MAX_VALUE - 5);
            assertEquals(Long.MAX_VALUE, counter.drain());
            assertEquals(0, counter.drain());
        }
    }

    @Test
    void badInputsAndAClosedCounterFailClearly() throws Exception {
        EventFd counter = EventFd.open();
        int fd = counter.fd();
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> counter.signal(0));
        assertTrue(zero.getMessage().contains("n > 0"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> counter.signal(-3));
        assertEquals(0, counter.drain(), "a refused signal changes nothing");
        counter.close();
        counter.close();
        assertFalse(Posix.isOpen(fd));
        assertEquals(-1, counter.fd());
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> counter.signal(1));
        assertEquals("EventFd is closed", closed.getMessage());
        assertThrows(IllegalStateException.class, counter::drain);
        try (Selector selector = DefaultSelector.open("poll")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> selector.register(counter, Selector.READ));
            assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
        }
    }
}
