package org.iowait.posix;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import org.iowait.ErrnoException;

/** An eventfd(2) counter: one fd, 8-byte writes add, one 8-byte read resets. Linux only. */
public final class EventFdWakeup implements Wakeup {
    private static final int EFD_NONBLOCK = Posix.O_NONBLOCK;
    private static final int EFD_CLOEXEC = Posix.O_CLOEXEC;

    private final int fd;
    private final Memory one = new Memory(8);
    private final Memory scratch = new Memory(8);
    private final long oneAddress = Pointer.nativeValue(one);
    private final long scratchAddress = Pointer.nativeValue(scratch);
    private volatile boolean closed;

    public EventFdWakeup() throws ErrnoException {
        int efd = LinuxLibC.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (efd == -1) {
            ErrnoException e = Errno.last("eventfd(0, EFD_NONBLOCK|EFD_CLOEXEC)");
            one.close();
            scratch.close();
            throw e;
        }
        fd = efd;
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

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
            one.close();
            scratch.close();
        }
    }
}
