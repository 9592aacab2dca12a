package org.iowait.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.iowait.ErrnoException;
import org.iowait.IOWait;
import org.iowait.Selector;
import org.iowait.posix.Errno;
import org.iowait.posix.Posix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code IOWait.waitFor} on the default provider, and the channels' blocking write that uses the same one-fd wait. */
class WaitForTest {
    @Test
    @DisplayName("waitFor takes any accepted object: a JDK Pipe's ends, with 0 at the timeout and the ready bits after")
    void jdkPipe() throws Exception {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            assertEquals(Selector.WRITE, IOWait.waitFor(sink, Selector.READ | Selector.WRITE, Duration.ZERO));
            long start = System.nanoTime();
            assertEquals(0, IOWait.waitFor(source, Selector.READ, Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - start >= 100_000_000L, "never early");
            sink.write(ByteBuffer.wrap(new byte[] {1}));
            assertEquals(Selector.READ, IOWait.waitFor(source, Selector.READ, null));
        }
    }

    @Test
    @DisplayName("waitFor: bad events and objects are IllegalArgumentException, null is NullPointerException, closed is EBADF")
    void badArguments() throws Exception {
        int[] p = Posix.pipe(true);
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> IOWait.waitFor(p[0], 4, Duration.ZERO));
            assertTrue(e.getMessage().contains("invalid events 4"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> IOWait.waitFor(p[0], 0, Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> IOWait.waitFor("not a file", Selector.READ, null));
            assertThrows(IllegalArgumentException.class, () -> IOWait.waitFor(-3, Selector.READ, null));
            assertThrows(NullPointerException.class, () -> IOWait.waitFor(null, Selector.READ, null));
        } finally {
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
        ErrnoException closed = assertThrows(ErrnoException.class, () -> IOWait.waitFor(p[0], Selector.READ, null));
        assertEquals(Errno.EBADF, closed.errno());
    }

    @Test
    @DisplayName("an interrupt ends a channel write blocked on a full pipe with InterruptedIOException, status kept")
    void interruptedWrite() throws Exception {
        int[] p = Posix.pipe(true);
        Posix.setNonBlocking(p[1], true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> status = new AtomicReference<>();
        try (PipeChannel channel = new PipeChannel(null, p[1])) {
            Thread writer = new Thread(() -> {
                try {
                    channel.write(new byte[16 * 1024 * 1024]); // far more than a pipe holds: blocks
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    status.set(Thread.currentThread().isInterrupted());
                }
            }, "blocked-writer");
            writer.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (writer.getState() != Thread.State.RUNNABLE || !inPoll(writer)) {
                assertTrue(System.nanoTime() < deadline, "the writer never blocked");
                Thread.onSpinWait();
            }
            writer.interrupt();
            writer.join(20_000);
            assertTrue(failure.get() instanceof InterruptedIOException, "failed with " + failure.get());
            assertEquals(Boolean.TRUE, status.get());
        } finally {
            Posix.close(p[0]);
        }
    }

    private static boolean inPoll(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().equals("poll")) {
                return true;
            }
        }
        return false;
    }
}
