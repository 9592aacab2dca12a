package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.iowait.Selector.READ;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.iowait.Ready;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "wakeup": ending a blocked select from another thread.
 * Runs as the nested class {@code SelectorTck.Wakeup}; the fixtures are in {@link TckGroup}.
 */
public abstract class WakeupGroup extends TckGroup {
    @Test
    @DisplayName("wakeup from another thread makes a blocked select return promptly and empty")
    void wakesBlockedSelect() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        whenBlocked(selector::wakeup);
        long start = System.nanoTime();
        assertTrue(selector.select((Duration) null).isEmpty());
        assertTrue(elapsedMillis(start) < Tck.scaledMillis(5000));
    }

    @Test
    @DisplayName("a wakeup issued before select makes that select return at once")
    void wakeupBefore() throws IOException {
        selector.wakeup();
        long start = System.nanoTime();
        assertTrue(select(Tck.scaledMillis(10_000)).isEmpty());
        assertTrue(elapsedMillis(start) < Tck.scaledMillis(2000));
    }

    @Test
    @DisplayName("many wakeups coalesce: one select returns early, the next waits its timeout")
    void coalesce() throws IOException {
        for (int i = 0; i < 1000; i++) {
            selector.wakeup();
        }
        long start = System.nanoTime();
        assertTrue(select(Tck.scaledMillis(10_000)).isEmpty());
        assertTrue(elapsedMillis(start) < Tck.scaledMillis(2000));
        start = System.nanoTime();
        assertTrue(select(200).isEmpty());
        assertTrue(elapsedMillis(start) >= 200, "the wakeups were consumed by one select");
    }

    @Test
    @DisplayName("wakeup never blocks the caller, however many are issued without a select")
    void neverBlocks() {
        long start = System.nanoTime();
        for (int i = 0; i < 200_000; i++) {
            selector.wakeup();
        }
        assertTrue(elapsedMillis(start) < Tck.scaledMillis(10_000));
    }

    @Test
    @DisplayName("a wakeup does not hide readiness that is due")
    void keepsEvents() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        Fixtures.write(p[1], 1);
        selector.wakeup();
        List<Ready> first = select(Tck.scaledMillis(2000));
        if (first.isEmpty()) { // the wakeup may win the race; the data is still there
            first = select(Tck.scaledMillis(2000));
        }
        assertEquals(1, first.size());
    }

    @Test
    @DisplayName("wakeup is safe from many threads at once")
    void concurrentWakeups() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        selector.wakeup();
                    }
                }));
            }
            for (int i = 0; i < 50; i++) {
                select(5);
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        select(0);
        long start = System.nanoTime();
        select(0);
        assertTrue(select(100).isEmpty());
        assertTrue(elapsedMillis(start) >= 100, "a stale wakeup is absorbed, not reported as an early return");
    }
}
