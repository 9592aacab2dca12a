package org.iowait.channels;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

import org.iowait.ErrnoException;
import org.iowait.Selector;
import org.iowait.posix.Errno;
import org.iowait.posix.FdWait;
import org.iowait.posix.Posix;

/**
 * A channel over a faucet fd (read, non-blocking) and a sink fd (write). {@link #write} never loses or reorders a
 * byte: when the kernel takes only part of a chunk, it waits with poll(2) until the sink is writable again, so it
 * returns only once everything was handed to the kernel.
 */
abstract class FdChannel extends LineReader {
    private static final int READ_CHUNK = 64 * 1024;
    private static final int WRITE_SLICE = 64 * 1024;
    private static final long AWAIT_NANOS = Duration.ofMillis(500).toNanos();

    private final int faucet;
    private final int sink;
    private final byte[] buffer = new byte[READ_CHUNK];
    /** A lock, not a monitor: a virtual thread waiting for writability inside it must not pin its carrier (JDK 21-23). */
    private final ReentrantLock writeLock = new ReentrantLock();

    FdChannel(Integer faucet, Integer sink, Buffering buffering) throws IOException {
        super(buffering);
        this.faucet = checked(faucet, "faucet");
        this.sink = checked(sink, "sink");
        if (this.faucet >= 0) {
            Posix.setNonBlocking(this.faucet, true);
        }
    }

    private static int checked(Integer fd, String what) {
        if (fd == null) {
            return -1;
        }
        if (fd < 0) {
            throw new IllegalArgumentException(what + " fd must not be negative: " + fd);
        }
        return fd;
    }

    @Override
    public int fd() {
        if (faucet < 0) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no faucet to read from");
        }
        return faucet;
    }

    int sinkFd() {
        return sink;
    }

    @Override
    byte[] readAvailable() throws IOException {
        if (faucet < 0) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no faucet to read from");
        }
        int n;
        try {
            n = Posix.read(faucet, buffer, 0, buffer.length);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ECONNRESET) {
                return null; // the peer is gone: end of stream
            }
            throw e;
        }
        if (n == Posix.WOULD_BLOCK) {
            return new byte[0];
        }
        return n == 0 ? null : Arrays.copyOf(buffer, n);
    }

    @Override
    public void write(byte[]... chunks) throws IOException {
        ensureOpen();
        if (sink < 0) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no sink to write to");
        }
        writeLock.lock();
        try {
            for (byte[] chunk : chunks) {
                int off = 0;
                while (off < chunk.length) {
                    ensureOpen();
                    int n = writeSome(chunk, off, Math.min(chunk.length - off, WRITE_SLICE));
                    if (n == Posix.WOULD_BLOCK) {
                        awaitWritable();
                    } else {
                        off += n;
                    }
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    private int writeSome(byte[] chunk, int off, int len) throws IOException {
        try {
            return Posix.write(sink, chunk, off, len);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EPIPE || e.errno() == Errno.ECONNRESET) {
                EndpointClosedException closed = new EndpointClosedException("the other end is closed: " + e.getMessage());
                closed.initCause(e);
                throw closed;
            }
            throw e;
        }
    }

    /**
     * One poll(2) of the sink, bounded so that a close() from another thread is noticed; a virtual thread parks
     * instead of pinning its carrier (see {@link FdWait}).
     */
    private void awaitWritable() throws IOException {
        if (FdWait.waitFor(sink, Selector.WRITE, AWAIT_NANOS) == 0 && Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("write interrupted: the kernel had not taken every byte");
        }
    }

    @Override
    public void close() throws IOException {
        if (!markClosed()) {
            return;
        }
        closeFds(faucet, sink);
    }

    /** Releases the fds; the default closes both (once when they are the same). */
    void closeFds(int faucet, int sink) throws IOException {
        try {
            if (faucet >= 0) {
                Posix.close(faucet);
            }
        } finally {
            if (sink >= 0 && sink != faucet) {
                Posix.close(sink);
            }
        }
    }
}
