package org.iowait.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.iowait.ErrnoException;

/**
 * An eventfd(2) counter: one fd, 8-byte writes add, one 8-byte read takes the sum and resets it. Linux only.
 * A selector uses {@link #signal()}/{@link #drain()}; {@code org.iowait.fds.EventFd} uses {@link #add}/{@link #take}.
 */
public final class EventFdWakeup implements Wakeup {
    private final int fd;
    private final Memory one = new Memory(8);
    private final Memory scratch = new Memory(8);
    private final long oneAddress = Pointer.nativeValue(one);
    private final long scratchAddress = Pointer.nativeValue(scratch);
    private final Memory value = new Memory(8); // add/take's own, so a selector's unlocked drain() cannot clobber it
    private final long valueAddress = Pointer.nativeValue(value);
    private volatile boolean closed;

    public EventFdWakeup() throws ErrnoException {
        try {
            fd = Posix.eventfd(true);
        } catch (ErrnoException | RuntimeException e) {
            one.close();
            scratch.close();
            value.close();
            throw e;
        }
        one.setLong(0, 1);
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public synchronized void signal() { // with close(): never write to a number closed and reused meanwhile
        if (!closed) {
            LibC.write(fd, oneAddress, 8); // EAGAIN only at a counter of 2^64-2: already signalled
        }
    }

    @Override
    public void drain() {
        if (!closed) {
            LibC.read(fd, scratchAddress, 8);
        }
    }

    /**
     * Adds {@code n} to the counter.
     *
     * @throws ErrnoException EAGAIN when the counter would pass 2^64-2 (the kernel's limit)
     */
    public synchronized void add(long n) throws ErrnoException {
        ensureOpen();
        value.setLong(0, n);
        for (;;) {
            if (LibC.write(fd, valueAddress, 8) == 8) {
                return;
            }
            int errno = Native.getLastError();
            if (errno != Errno.EINTR) {
                throw Errno.exception("write(eventfd=" + fd + ", " + Long.toUnsignedString(n) + ")", errno);
            }
        }
    }

    /** @return the counter's value, which is reset to zero; 0 when nothing was added since the last take */
    public synchronized long take() throws ErrnoException {
        ensureOpen();
        for (;;) {
            if (LibC.read(fd, valueAddress, 8) == 8) {
                return value.getLong(0);
            }
            int errno = Native.getLastError();
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
            LibC.close(fd);
            one.close();
            scratch.close();
            value.close();
        }
    }
}
