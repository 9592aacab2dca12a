package org.iowait.posix;

import org.iowait.ErrnoException;

/**
 * An eventfd(2) counter: one fd, 8-byte writes add, one 8-byte read takes the sum and resets it. Linux only.
 * A selector uses {@link #signal()}/{@link #drain()}; {@code org.iowait.fds.EventFd} uses {@link #add}/{@link #take}.
 */
public final class EventFdWakeup implements Wakeup {
    private final int fd;
    private static final PosixCalls CALLS = PosixCalls.CALLS;

    /**
     * Offset 0: the value 1 that signal writes; 8: what drain reads into; 16: add/take's own, so that a selector's
     * unlocked drain() cannot clobber it.
     */
    private final NativeBuffer buffer = NativeBuffer.allocate(24);
    private final java.nio.ByteBuffer view = buffer.view();
    private final long oneAddress = buffer.address();
    private final long scratchAddress = buffer.address() + 8;
    private final long valueAddress = buffer.address() + 16;
    private volatile boolean closed;

    public EventFdWakeup() throws ErrnoException {
        try {
            fd = Posix.eventfd(true);
        } catch (ErrnoException | RuntimeException e) {
            buffer.close();
            throw e;
        }
        view.putLong(0, 1);
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public synchronized void signal() { // with close(): never write to a number closed and reused meanwhile
        if (!closed) {
            CALLS.write(fd, oneAddress, 8); // EAGAIN only at a counter of 2^64-2: already signalled
        }
    }

    @Override
    public void drain() {
        if (!closed) {
            CALLS.read(fd, scratchAddress, 8);
        }
    }

    /**
     * Adds {@code n} to the counter.
     *
     * @throws ErrnoException EAGAIN when the counter would pass 2^64-2 (the kernel's limit)
     */
    public synchronized void add(long n) throws ErrnoException {
        ensureOpen();
        view.putLong(16, n);
        for (;;) {
            if (CALLS.write(fd, valueAddress, 8) == 8) {
                return;
            }
            int errno = CALLS.errno();
            if (errno != Errno.EINTR) {
                throw Errno.exception("write(eventfd=" + fd + ", " + Long.toUnsignedString(n) + ")", errno);
            }
        }
    }

    /** @return the counter's value, which is reset to zero; 0 when nothing was added since the last take */
    public synchronized long take() throws ErrnoException {
        ensureOpen();
        for (;;) {
            if (CALLS.read(fd, valueAddress, 8) == 8) {
                return view.getLong(16);
            }
            int errno = CALLS.errno();
            if (errno == Errno.EAGAIN) {
                return 0;
            }
            if (errno != Errno.EINTR) {
                throw Errno.exception("read(eventfd=" + fd + ")", errno);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the eventfd is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            CALLS.close(fd);
            buffer.close();
        }
    }
}
