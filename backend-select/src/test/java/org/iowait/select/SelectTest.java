package org.iowait.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

import org.iowait.ErrnoException;
import org.iowait.Ready;
import org.iowait.Selector;
import org.iowait.posix.Posix;
import org.iowait.tck.Fds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SelectTest {
    @Test
    @DisplayName("Select.select reports exactly the ready fds of each list, like Python's select.select")
    void lowLevel() throws IOException {
        int[] a = Posix.pipe(true);
        int[] b = Posix.pipe(true);
        try {
            Select.Result idle = Select.select(new int[] {a[0], b[0]}, new int[0], new int[0], Duration.ZERO);
            assertEquals(new Select.Result(new int[0], new int[0], new int[0]), idle);
            Posix.write(b[1], new byte[] {1}, 0, 1);
            Select.Result r = Select.select(new int[] {a[0], b[0]}, new int[] {a[1]}, new int[] {a[0]},
                    Duration.ofSeconds(1));
            assertArrayEquals(new int[] {b[0]}, r.read());
            assertArrayEquals(new int[] {a[1]}, r.write());
            assertArrayEquals(new int[0], r.except());
            long start = System.nanoTime();
            Select.select(new int[] {a[0]}, new int[0], new int[0], Duration.ofMillis(120));
            assertTrue(System.nanoTime() - start >= 120_000_000L, "no early return");
        } finally {
            for (int fd : new int[] {a[0], a[1], b[0], b[1]}) {
                Posix.close(fd);
            }
        }
    }

    @Test
    @DisplayName("fds outside 0..1023 are refused before anything is written; a closed fd gives EBADF")
    void limits() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Select.select(new int[] {1024}, new int[0], new int[0], Duration.ZERO));
        assertTrue(e.getMessage().contains("FD_SETSIZE"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Select.select(new int[0], new int[] {-1}, new int[0], Duration.ZERO));
        int[] p = Posix.pipe(true);
        Posix.close(p[0]);
        Posix.close(p[1]);
        assertEquals("EBADF", assertThrows(ErrnoException.class,
                () -> Select.select(new int[] {p[0]}, new int[0], new int[0], Duration.ZERO)).errnoName());
    }

    @Test
    @DisplayName("fds in every word of the set (0..1023) are set and read back in the right bit")
    void everyWord() throws IOException {
        int[] p = Posix.pipe(true);
        int[] wanted = {63, 64, 127, 128, 500, 1000, 1023}; // word edges, for 32- and 64-bit words alike
        int[] fds = new int[wanted.length];
        try {
            for (int i = 0; i < wanted.length; i++) {
                // never dup2 onto a fixed number: it would close what the JVM may hold there
                int want = wanted[i];
                int got = Fds.dupAtLeast(p[1], want);
                fds[i] = got;
                assumeTrue(got / 32 == want / 32, () -> "the fds from " + want + " to the end of its word are taken");
            }
            Arrays.sort(fds);
            Select.Result r = Select.select(new int[0], fds, new int[0], Duration.ofSeconds(1));
            assertArrayEquals(fds, r.write());
            try (Selector selector = new SelectProvider().open()) {
                for (int fd : fds) {
                    selector.register(fd, Selector.WRITE);
                }
                List<Ready> ready = selector.select(Duration.ofSeconds(1));
                assertArrayEquals(fds, ready.stream().mapToInt(x -> x.key().fd()).sorted().toArray());
            }
        } finally {
            for (int fd : fds) {
                if (fd > 0) {
                    Posix.close(fd);
                }
            }
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
    }

    @Test
    @DisplayName("the selector refuses an fd >= FD_SETSIZE at register with IllegalArgumentException and no key")
    void highFdRefused() throws IOException {
        int[] p = Posix.pipe(true);
        int high = Fds.dupAtLeast(p[0], 1030);
        try (Selector selector = new SelectProvider().open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> selector.register(high, Selector.READ));
            assertTrue(e.getMessage().contains(Integer.toString(high)) && e.getMessage().contains("FD_SETSIZE"),
                    e.getMessage());
            assertTrue(selector.keys().isEmpty());
            assertThrows(NoSuchElementException.class, () -> selector.getKey(high));
        } finally {
            Posix.close(high);
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
    }

    @Test
    @DisplayName("a registered fd that was closed is reported READ|WRITE, and the others still report")
    void closedFdReported() throws IOException {
        int[] stale = Posix.pipe(true);
        int[] live = Posix.pipe(true);
        try (Selector selector = new SelectProvider().open()) {
            selector.register(stale[0], Selector.READ | Selector.WRITE);
            selector.register(live[0], Selector.READ);
            Posix.close(stale[0]);
            Posix.write(live[1], new byte[] {1}, 0, 1);
            java.util.Map<Integer, Integer> events = new java.util.HashMap<>();
            for (int i = 0; i < 2 && events.size() < 2; i++) {
                selector.select(Duration.ofSeconds(1)).forEach(r -> events.put(r.key().fd(), r.events()));
            }
            assertEquals(java.util.Map.of(stale[0], Selector.READ | Selector.WRITE, live[0], Selector.READ), events);
            selector.unregister(stale[0]);
        } finally {
            Posix.close(stale[1]);
            Posix.close(live[0]);
            Posix.close(live[1]);
        }
    }
}
