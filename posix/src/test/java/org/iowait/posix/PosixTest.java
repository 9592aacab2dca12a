package org.iowait.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.iowait.ErrnoException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PosixTest {
    @Test
    @DisplayName("a pipe carries bytes and a drained non-blocking read end reports WOULD_BLOCK")
    void pipeRoundTrip() throws Exception {
        int[] p = Posix.pipe(true);
        try {
            assertTrue(Posix.isNonBlocking(p[0]));
            assertTrue(Posix.isCloseOnExec(p[0]));
            byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
            assertEquals(5, Posix.write(p[1], data, 0, 5));
            byte[] buf = new byte[16];
            assertEquals(3, Posix.read(p[0], buf, 2, 3));
            assertArrayEquals("hel".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOfRange(buf, 2, 5));
            assertEquals(2, Posix.read(p[0], buf, 0, 16));
            assertEquals(Posix.WOULD_BLOCK, Posix.read(p[0], buf, 0, 16));
        } finally {
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
        assertFalse(Posix.isOpen(p[0]));
    }

    @Test
    @DisplayName("read(fd, max) returns an array of just the bytes read, null when it would block, empty at end")
    void readToNewArray() throws Exception {
        int[] p = Posix.pipe(true);
        try {
            assertEquals(null, Posix.read(p[0], 64 * 1024));
            Posix.write(p[1], "abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
            assertArrayEquals("ab".getBytes(StandardCharsets.US_ASCII), Posix.read(p[0], 2));
            assertArrayEquals("c".getBytes(StandardCharsets.US_ASCII), Posix.read(p[0], 64 * 1024));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Posix.read(p[0], 0));
            assertEquals("a read asks for at least 1 byte, not 0", e.getMessage());
        } finally {
            Posix.close(p[1]);
        }
        try {
            assertEquals(0, Posix.read(p[0], 16).length);
        } finally {
            Posix.close(p[0]);
        }
    }

    @Test
    @DisplayName("array reads and writes keep every byte in order, at any offset and size, from many threads at once")
    void arraysFromManyThreads() throws Exception {
        // sizes on both sides of the 64 KiB staging buffers; more threads than buffers are kept, so some allocate
        int threads = 4 * Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                done.add(pool.submit(() -> {
                    copyThroughSocketpair(new java.util.Random(seed));
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void copyThroughSocketpair(java.util.Random random) throws ErrnoException {
        int[] s = Posix.socketpair(true);
        try {
            for (int round = 0; round < 20; round++) {
                int size = 1 + random.nextInt(3 * 64 * 1024);
                int off = random.nextInt(100);
                byte[] sent = new byte[off + size];
                random.nextBytes(sent);
                java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
                byte[] in = new byte[7 + 200 * 1024];
                int written = 0;
                while (received.size() < size) {
                    if (written < size) {
                        int n = Posix.write(s[0], sent, off + written, size - written);
                        written += n == Posix.WOULD_BLOCK ? 0 : n;
                    }
                    if (random.nextBoolean()) {
                        int n = Posix.read(s[1], in, 7, in.length - 7);
                        if (n > 0) {
                            assertTrue(n <= 64 * 1024, "one read stages at most 64 KiB, got " + n);
                            received.write(in, 7, n);
                        }
                    } else {
                        byte[] data = Posix.read(s[1], 1 + random.nextInt(100 * 1024));
                        if (data != null) {
                            received.write(data, 0, data.length);
                        }
                    }
                }
                assertArrayEquals(java.util.Arrays.copyOfRange(sent, off, off + size), received.toByteArray());
            }
        } finally {
            Posix.close(s[0]);
            Posix.close(s[1]);
        }
    }

    @Test
    @DisplayName("a failed call throws ErrnoException naming the call, the fd and the errno")
    void errnoMessage() throws Exception {
        int[] p = Posix.pipe(false);
        Posix.close(p[0]);
        Posix.close(p[1]);
        ErrnoException e = assertThrows(ErrnoException.class, () -> Posix.close(p[0]));
        assertEquals(Errno.EBADF, e.errno());
        assertEquals("EBADF", e.errnoName());
        assertEquals("close(fd=" + p[0] + "): EBADF (Bad file descriptor)", e.getMessage());
    }

    @Test
    @DisplayName("unknown errno numbers get a readable fallback name")
    void unknownErrnoName() {
        assertEquals("E9999", Errno.name(9999));
        assertEquals("EAGAIN", Errno.name(Errno.EAGAIN));
    }

    @Test
    @DisplayName("a socketpair is bidirectional")
    void socketpair() throws Exception {
        int[] s = Posix.socketpair(true);
        try {
            assertEquals(1, Posix.write(s[1], new byte[] {42}, 0, 1));
            byte[] buf = new byte[1];
            assertEquals(1, Posix.read(s[0], buf, 0, 1));
            assertEquals(42, buf[0]);
            assertEquals(1, Posix.write(s[0], new byte[] {7}, 0, 1));
            assertEquals(1, Posix.read(s[1], buf, 0, 1));
        } finally {
            Posix.close(s[0]);
            Posix.close(s[1]);
        }
    }

    @Test
    @DisplayName("eventfd and pipe wakeups become readable when signalled, many times, and empty when drained")
    void wakeups() throws Exception {
        for (Wakeup wakeup : new Wakeup[] {new EventFdWakeup(), new PipeWakeup()}) {
            try (wakeup) {
                byte[] buf = new byte[8];
                assertEquals(Posix.WOULD_BLOCK, Posix.read(wakeup.fd(), buf, 0, 8));
                for (int i = 0; i < 100_000; i++) {
                    wakeup.signal(); // a full pipe must not block
                }
                wakeup.drain();
                assertEquals(Posix.WOULD_BLOCK, Posix.read(wakeup.fd(), buf, 0, 8));
                wakeup.signal();
                assertTrue(Posix.read(wakeup.fd(), buf, 0, 8) > 0);
            }
            assertFalse(Posix.isOpen(wakeup.fd()));
        }
    }

    @Test
    @DisplayName("an eventfd counter adds signals and take() returns the sum once, then 0")
    void eventFdCounter() throws Exception {
        try (EventFdWakeup counter = new EventFdWakeup()) {
            assertEquals(0, counter.take());
            counter.add(3);
            counter.add(4);
            assertEquals(7, counter.take());
            assertEquals(0, counter.take());
            counter.close();
            assertThrows(IllegalStateException.class, () -> counter.add(1));
        }
    }

    @Test
    @DisplayName("a pty's terminal side reads what the master writes, and the master is non-blocking")
    void pty() throws Exception {
        Pty pty = Pty.open();
        try (java.io.RandomAccessFile port = new java.io.RandomAccessFile(pty.terminalPath(), "rw")) {
            assertTrue(Posix.isNonBlocking(pty.master()));
            assertTrue(Posix.isCloseOnExec(pty.master()));
            byte[] line = "ping\n".getBytes(StandardCharsets.US_ASCII);
            assertEquals(line.length, Posix.write(pty.master(), line, 0, line.length));
            byte[] buf = new byte[16];
            int n = port.read(buf);
            assertEquals("ping\n", new String(buf, 0, n, StandardCharsets.US_ASCII));
        } finally {
            Posix.close(pty.master());
        }
    }
}
