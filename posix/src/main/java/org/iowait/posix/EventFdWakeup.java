package org.iowait.posix;

import org.iowait.ErrnoException;

/** An eventfd(2) counter: one fd, 8-byte writes add, one 8-byte read resets. Linux only. */
public final class EventFdWakeup implements Wakeup {
    private static final int EFD_NONBLOCK = Posix.O_NONBLOCK;
    private static final int EFD_CLOEXEC = Posix.O_CLOEXEC;

    private static final PosixCalls CALLS = PosixCalls.CALLS;

    private final int fd;
    /** The value 1 at offset 0 (what signal writes), and 8 bytes at offset 8 that drain reads into. */
    private final NativeBuffer buffer = NativeBuffer.allocate(16);
    private final long oneAddress = buffer.address();
    private final long scratchAddress = buffer.address() + 8;
    private volatile boolean closed;

    public EventFdWakeup() throws ErrnoException {
        int efd = CALLS.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (efd == -1) {
            ErrnoException e = Errno.last("eventfd(0, EFD_NONBLOCK|EFD_CLOEXEC)");
            buffer.close();
            throw e;
        }
        fd = efd;
        buffer.view().putLong(0, 1);
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

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            CALLS.close(fd);
            buffer.close();
        }
    }
}
