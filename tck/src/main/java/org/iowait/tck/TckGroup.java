package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.iowait.Selector.READ;
import static org.iowait.Selector.WRITE;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.iowait.Mode;
import org.iowait.Ready;
import org.iowait.Selector;
import org.iowait.spi.SelectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * The fixtures every group of the kit shares: the selector under test, opened before and closed after each test, the
 * {@link Fixtures} that own the fds a test opens, and small helpers. A group is a {@code public abstract class
 * <Name>Group extends TckGroup} in its own file, run by {@link SelectorTck} as a {@code @Nested} class:
 *
 * <pre>{@code
 * public abstract class ExampleGroup extends TckGroup {
 *     @Test
 *     @DisplayName("a pipe's write end is writable")
 *     void writable() throws IOException {
 *         int[] p = fx.pipe();
 *         selector.register(p[1], WRITE);
 *         assertEquals(WRITE, events(2000).get(p[1]));
 *     }
 * }
 * }</pre>
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class TckGroup {
    /** @return the provider under test; called once per test */
    protected abstract SelectorProvider provider();

    protected Selector selector;
    Fixtures fx;

    @BeforeEach
    void openSelector() throws IOException {
        SelectorProvider provider = provider();
        assumeTrue(provider.isAvailable(), () -> provider.name() + " is unavailable here: "
                + provider.unavailabilityCause().map(Throwable::toString).orElse("no reason"));
        fx = new Fixtures();
        selector = provider.open();
    }

    @AfterEach
    void closeSelector() throws IOException {
        if (selector != null) {
            selector.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    List<Ready> select(long millis) throws IOException {
        return selector.select(Duration.ofMillis(millis));
    }

    /** Waits (scaled) for readiness and returns the events per fd; every fd must appear at most once. */
    Map<Integer, Integer> events(long millis) throws IOException {
        return byFd(selector.select(Tck.scaled(millis)));
    }

    static Map<Integer, Integer> byFd(List<Ready> ready) {
        Map<Integer, Integer> events = new HashMap<>();
        for (Ready r : ready) {
            Integer previous = events.put(r.key().fd(), r.events());
            assertEquals(null, previous, "fd " + r.key().fd() + " appeared twice in one select: " + ready);
            assertTrue(r.events() != 0 && (r.events() & ~(READ | WRITE)) == 0, "events are READ/WRITE bits: " + r);
            assertEquals(0, r.events() & ~r.key().events(), "events are masked by the key's interest: " + r);
        }
        return events;
    }

    boolean supports(Mode mode) {
        return provider().modes().contains(mode);
    }

    static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /**
     * Runs {@code body} in another thread once the calling thread sleeps in the kernel, that is once the select it
     * goes on to call is blocked (see {@link ThreadState}; a scaled pause where there is no /proc).
     */
    static Thread whenBlocked(ThrowingRunnable body) {
        ThreadState caller = new ThreadState(ThreadState.selfTask());
        Thread thread = new Thread(() -> {
            try {
                caller.awaitAsleep(Tck.scaledMillis(10_000));
                body.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "tck-when-blocked");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

}
