package org.iowait.channels;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import org.iowait.ErrnoException;
import org.iowait.Selector;
import org.iowait.posix.Errno;
import org.iowait.posix.FdWait;
import org.iowait.posix.Posix;

/**
 * A channel over a faucet fd (read, non-blocking) and a sink fd (write). {@link #write} never loses or reorders a
 * byte. It has two modes:
 * <ul>
 * <li>on its own, {@code write} blocks until the kernel took everything (waiting for writability with
 * {@link FdWait}, which parks a virtual thread), until the {@link #setWriteTimeout write timeout} passes, or until the
 * thread is interrupted ({@link InterruptedIOException});</li>
 * <li>while a {@link Poller} drives it, {@code write} never blocks: what the kernel does not take at once is queued
 * and the poller flushes it when the sink is writable. Past {@link #setMaxQueuedOutput the output limit}, or on a
 * failed write, the queue is dropped and later writes are discarded; the poller reports the channel once as
 * {@link PollResult.Closed} and closes it (a socket whose peer is gone is first read to its end, so nothing it sent
 * is lost).</li>
 * </ul>
 */
abstract class FdChannel extends LineReader {
    /** The default {@link #setMaxQueuedOutput output limit}: 4 MiB. */
    public static final long DEFAULT_MAX_QUEUED_OUTPUT = 4L << 20;

    private static final int READ_CHUNK = 64 * 1024;
    private static final int WRITE_SLICE = 256 * 1024;
    /** A blocked write looks at least this often whether {@link #close()} was called from another thread. */
    private static final long CLOSE_CHECK_NANOS = 200_000_000L;

    private final int faucet;
    private final int sink;
    /** A lock, not a monitor: a virtual thread waiting for writability inside it must not pin its carrier (JDK 21-23). */
    private final ReentrantLock writeLock = new ReentrantLock();
    // guarded by writeLock
    private final OutputQueue output = new OutputQueue();
    private Driver driver;
    private IOException failure;
    private volatile long maxQueuedOutput = DEFAULT_MAX_QUEUED_OUTPUT;
    private volatile long writeTimeoutNanos = -1;

    /** What a channel tells the {@link Poller} that drives it. Calls come from any thread that writes or closes. */
    interface Driver {
        /** Output is waiting: watch the sink for writability. */
        void wantsWrite(FdChannel channel);

        /** A write failed or went past the limit: report the channel once and close it. */
        void failed(FdChannel channel);

        /** {@link #close()} was called: forget the channel, before its fd is closed when on the polling thread. */
        void closing(FdChannel channel);
    }

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

    /**
     * Bounds the output queued while a {@link Poller} drives this channel; past it the peer is taken as not reading:
     * the queue is dropped and the poller reports {@link PollResult.Closed} with a {@link LimitExceededException}.
     *
     * @param bytes at least 1; the default is {@link #DEFAULT_MAX_QUEUED_OUTPUT}
     * @throws IllegalArgumentException {@code bytes} is not positive
     */
    public final void setMaxQueuedOutput(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("the maximum queued output must be at least 1 byte, got " + bytes);
        }
        maxQueuedOutput = bytes;
    }

    /** @return the output limit while a poller drives this channel, in bytes */
    public final long maxQueuedOutput() {
        return maxQueuedOutput;
    }

    /**
     * Bounds how long a blocking {@link #write} (no {@link Poller}) waits for the sink to take more bytes; past it,
     * {@code write} throws {@link InterruptedIOException} whose {@code bytesTransferred} says how much went out.
     *
     * @param timeout positive, or null to wait for ever (the default)
     * @throws IllegalArgumentException zero or negative
     */
    public final void setWriteTimeout(Duration timeout) {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("the write timeout must be positive, or null for none; got " + timeout);
        }
        writeTimeoutNanos = timeout == null ? -1 : timeout.toNanos();
    }

    /** @return bytes written but not yet taken by the kernel (only while a {@link Poller} drives this channel) */
    public final long queuedOutput() {
        writeLock.lock();
        try {
            return output.size();
        } finally {
            writeLock.unlock();
        }
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
        // into an array of just the size read: no buffer per channel (a 64 KiB one each would hold 64 MiB of heap for
        // 1,000 clients) and no second copy
        byte[] data = Posix.read(faucet, READ_CHUNK);
        return data == null ? NOTHING : data.length == 0 ? null : data;
    }

    /**
     * {@inheritDoc}
     * <p>
     * While a {@link Poller} drives this channel, this never blocks and never fails for the peer's sake: see the class
     * description.
     *
     * @throws NullPointerException a chunk is null (nothing is written)
     * @throws InterruptedIOException the {@link #setWriteTimeout write timeout} passed (blocking mode only)
     */
    @Override
    public void write(byte[]... chunks) throws IOException {
        ensureOpen();
        if (sink < 0) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no sink to write to");
        }
        for (int i = 0; i < chunks.length; i++) {
            Objects.requireNonNull(chunks[i], "chunk " + i + " is null");
        }
        writeLock.lock();
        try {
            ensureOpen();
            if (driver != null) {
                queueOrWrite(chunks);
            } else {
                writeBlocking(chunks);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void writeBlocking(byte[][] chunks) throws IOException {
        long timeout = writeTimeoutNanos;
        long start = System.nanoTime();
        long transferred = 0;
        for (byte[] chunk : chunks) {
            int off = 0;
            while (off < chunk.length) {
                int n = writeSome(chunk, off, Math.min(chunk.length - off, WRITE_SLICE));
                if (n != Posix.WOULD_BLOCK) {
                    off += n;
                    transferred += n;
                    start = System.nanoTime(); // the timeout bounds a stall, not the whole transfer
                    continue;
                }
                long waited = System.nanoTime() - start;
                if (timeout >= 0 && waited >= timeout) {
                    InterruptedIOException e = new InterruptedIOException("the sink took no bytes for "
                            + Duration.ofNanos(timeout) + " (write timeout); " + transferred + " bytes were written");
                    e.bytesTransferred = (int) Math.min(transferred, Integer.MAX_VALUE);
                    throw e;
                }
                long slice = timeout < 0 ? CLOSE_CHECK_NANOS : Math.min(CLOSE_CHECK_NANOS, timeout - waited);
                if (FdWait.waitFor(sink, Selector.WRITE, slice) == 0 && Thread.currentThread().isInterrupted()) {
                    InterruptedIOException e = new InterruptedIOException("write interrupted: the kernel had not taken "
                            + "every byte; " + transferred + " bytes were written");
                    e.bytesTransferred = (int) Math.min(transferred, Integer.MAX_VALUE);
                    throw e;
                }
                ensureOpen(); // close() from another thread waits for this lock, so the fd is still ours
            }
        }
    }

    private void queueOrWrite(byte[][] chunks) {
        if (failure != null) {
            return; // already reported as failed: the poller closes it
        }
        boolean wasEmpty = output.isEmpty();
        try {
            for (byte[] chunk : chunks) {
                int off = 0;
                while (output.isEmpty() && off < chunk.length) {
                    int n = writeSome(chunk, off, Math.min(chunk.length - off, WRITE_SLICE));
                    if (n == Posix.WOULD_BLOCK) {
                        break;
                    }
                    off += n;
                }
                output.add(chunk, off);
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        long limit = maxQueuedOutput;
        if (output.size() > limit) {
            fail(new LimitExceededException("the peer is not reading: " + output.size()
                    + " bytes queued, more than the maximum of " + limit + " (setMaxQueuedOutput changes it)"));
        } else if (wasEmpty && !output.isEmpty()) {
            driver.wantsWrite(this);
        }
    }

    private void fail(IOException cause) {
        failure = cause;
        output.clear();
        driver.failed(this);
    }

    private int writeSome(byte[] chunk, int off, int len) throws IOException {
        try {
            return Posix.write(sink, chunk, off, len);
        } catch (ErrnoException e) {
            throw peerGone(e);
        }
    }

    private static IOException peerGone(ErrnoException e) {
        if (e.errno() == Errno.EPIPE || e.errno() == Errno.ECONNRESET) {
            EndpointClosedException closed = new EndpointClosedException("the other end is closed: " + e.getMessage());
            closed.initCause(e);
            return closed;
        }
        return e;
    }

    /** Attaches the poller; the sink becomes non-blocking, since the poller's thread must never wait on it. */
    void drive(Driver poller) throws IOException {
        writeLock.lock();
        try {
            ensureOpen();
            if (sink >= 0 && !Posix.isNonBlocking(sink)) {
                Posix.setNonBlocking(sink, true);
            }
            driver = poller;
        } finally {
            writeLock.unlock();
        }
    }

    /** Detaches the poller: queued output stays and later writes block again. */
    void release(Driver poller) {
        writeLock.lock();
        try {
            if (driver == poller) {
                driver = null;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes queued output the sink takes now (called by the poller when it is writable).
     *
     * @return true when nothing is left to write (or the channel failed)
     */
    boolean flush() {
        writeLock.lock();
        try {
            if (failure != null || isClosed()) {
                return true;
            }
            try {
                return output.flushTo(sink, WRITE_SLICE);
            } catch (ErrnoException e) {
                fail(peerGone(e));
                return true;
            }
        } finally {
            writeLock.unlock();
        }
    }

    boolean hasQueuedOutput() {
        writeLock.lock();
        try {
            return !output.isEmpty();
        } finally {
            writeLock.unlock();
        }
    }

    /** @return why the poller must close this channel, or null */
    IOException failure() {
        writeLock.lock();
        try {
            return failure;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        if (!markClosed()) {
            return;
        }
        Driver poller;
        writeLock.lock(); // waits for a blocked writer, which sees the close within CLOSE_CHECK_NANOS
        try {
            poller = driver;
            output.clear();
        } finally {
            writeLock.unlock();
        }
        if (poller != null) {
            poller.closing(this);
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
