package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.iowait.Selector.READ;
import static org.iowait.Selector.WRITE;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.iowait.Selector;
import org.iowait.posix.Posix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "concurrency": register, modify, unregister and close from other threads while one selects.
 * Runs as the nested class {@code SelectorTck.Concurrency}; the fixtures are in {@link TckGroup}.
 */
public abstract class ConcurrencyGroup extends TckGroup {
    @Test
    @DisplayName("a second thread calling select while one selects gets IllegalStateException")
    void secondSelector() throws Exception {
        CountDownLatch inSelect = new CountDownLatch(1);
        AtomicReference<String> task = new AtomicReference<>();
        Thread blocked = new Thread(() -> {
            try {
                task.set(ThreadState.selfTask());
                inSelect.countDown();
                selector.select(Tck.scaled(3000));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        blocked.start();
        inSelect.await();
        new ThreadState(task.get()).awaitAsleep(Tck.scaledMillis(10_000));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> selector.selectNow());
        assertNotNull(e.getMessage());
        selector.wakeup();
        blocked.join();
    }

    @Test
    @DisplayName("register from another thread takes effect in a select already blocked, without a wakeup")
    void registerWhileBlocked() throws IOException {
        int[] p = fx.pipe();
        Fixtures.write(p[1], 1);
        whenBlocked(() -> selector.register(p[0], READ));
        long start = System.nanoTime();
        assertEquals(1, select(Tck.scaledMillis(10_000)).size());
        assertTrue(elapsedMillis(start) < Tck.scaledMillis(5000), "took " + elapsedMillis(start) + " ms");
    }

    @Test
    @DisplayName("modify from another thread takes effect in a select already blocked")
    void modifyWhileBlocked() throws IOException {
        int[] s = fx.socketpair();
        selector.register(s[0], READ);
        whenBlocked(() -> selector.modify(s[0], WRITE));
        long start = System.nanoTime();
        assertEquals(Map.of(s[0], WRITE), byFd(select(Tck.scaledMillis(10_000))));
        assertTrue(elapsedMillis(start) < Tck.scaledMillis(5000), "took " + elapsedMillis(start) + " ms");
    }

    @Test
    @DisplayName("unregister from another thread takes effect in a select already blocked")
    void unregisterWhileBlocked() throws Exception {
        int[] a = fx.pipe();
        int[] b = fx.pipe();
        selector.register(a[0], READ);
        selector.register(b[0], READ);
        ThreadState selecting = new ThreadState(ThreadState.selfTask());
        Thread t = whenBlocked(() -> {
            selector.unregister(a[0]);
            Fixtures.write(a[1], 1);
            selecting.awaitAsleep(Tck.scaledMillis(10_000)); // a select woken by the change waits again
            Fixtures.write(b[1], 1);
        });
        Map<Integer, Integer> ev = byFd(select(Tck.scaledMillis(10_000)));
        t.join();
        if (ev.isEmpty()) {
            ev = byFd(select(Tck.scaledMillis(2000)));
        }
        assertFalse(ev.containsKey(a[0]), "an unregistered fd is never reported: " + ev);
        assertEquals(READ, byFd(select(Tck.scaledMillis(2000))).get(b[0]));
    }

    @Test
    @DisplayName("close from another thread ends a blocked select with ClosedSelectorException or a return")
    void closeWhileBlocked() throws Exception {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        whenBlocked(selector::close);
        long start = System.nanoTime();
        try {
            selector.select((Duration) null);
        } catch (ClosedSelectorException expected) {
            // either outcome is allowed
        }
        assertTrue(elapsedMillis(start) < Tck.scaledMillis(5000));
        assertFalse(selector.isOpen());
    }

    @Test
    @DisplayName("closing while another thread selects, 1,000 times: no crash, no hang, no fd leak")
    void closeRace() throws Exception {
        int[] p = fx.pipe();
        Fds.Snapshot before = Fds.snapshot();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 1000; i++) {
                Selector s = provider().open();
                s.register(p[0], READ);
                CountDownLatch go = new CountDownLatch(1);
                Future<?> selecting = pool.submit(() -> {
                    go.countDown();
                    try {
                        s.select(Duration.ofSeconds(30));
                    } catch (ClosedSelectorException expected) {
                        // the close won
                    }
                    return null;
                });
                go.await();
                if (i % 2 == 0) {
                    Thread.yield();
                }
                s.close();
                selecting.get(Tck.scaledMillis(10_000), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Fds.assertNoLeak(before, "1,000 selectors closed while another thread selects");
    }

    @Test
    @DisplayName("stress: 8 threads register, modify, unregister and wake while one thread selects; all due readiness is reported")
    void stress() throws Exception {
        int workers = 8;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        ConcurrentHashMap<Integer, Boolean> due = new ConcurrentHashMap<>(); // fds written and registered READ
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread selecting = new Thread(() -> {
            try {
                while (!stop.get()) {
                    selector.select(Duration.ofMillis(20), (key, events) -> seen.add(key.fd()));
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "tck-selecting");
        selecting.start();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<int[]> kept = new ArrayList<>();
        try {
            List<Future<List<int[]>>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                long seed = w;
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    List<int[]> keep = new ArrayList<>();
                    while (System.nanoTime() < deadline) {
                        int[] p = Posix.pipe(true);
                        selector.register(p[0], random.nextBoolean() ? READ : WRITE);
                        switch (random.nextInt(4)) {
                            case 0 -> selector.wakeup();
                            case 1 -> selector.modify(p[0], READ);
                            default -> { }
                        }
                        if (random.nextInt(3) == 0 || keep.size() >= 20) {
                            selector.unregister(p[0]);
                            Posix.close(p[0]);
                            Posix.close(p[1]);
                        } else {
                            selector.modify(p[0], READ, "due");
                            Fixtures.write(p[1], 1);
                            due.put(p[0], Boolean.TRUE);
                            keep.add(p);
                        }
                    }
                    return keep;
                }));
            }
            for (Future<List<int[]>> f : futures) {
                kept.addAll(f.get(Tck.scaledMillis(60_000), TimeUnit.MILLISECONDS));
            }
            long until = System.nanoTime() + Tck.scaled(5000).toNanos();
            while (!seen.containsAll(due.keySet()) && System.nanoTime() < until) {
                Tck.sleep(20);
            }
        } finally {
            stop.set(true);
            selector.wakeup();
            selecting.join();
            pool.shutdownNow();
            for (int[] p : kept) {
                Posix.closeQuietly(p[0]);
                Posix.closeQuietly(p[1]);
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("the selecting thread failed", failure.get());
        }
        Set<Integer> missing = new HashSet<>(due.keySet());
        missing.removeAll(seen);
        assertTrue(missing.isEmpty(), "due readiness never reported for fds " + missing);
        assertTrue(due.size() > 10, "the stress did real work: " + due.size());
    }
}
