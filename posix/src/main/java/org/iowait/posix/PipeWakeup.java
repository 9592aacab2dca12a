package org.iowait.posix;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import org.iowait.ErrnoException;

/** A non-blocking self-pipe: write one byte to wake, read until empty to reset. Works on every POSIX system. */
public final class PipeWakeup implements Wakeup {
    private static final int DRAIN_CHUNK = 128;

    private final int readFd;
    private final int writeFd;
    private final Memory buffer = new Memory(DRAIN_CHUNK);
    private final long address = Pointer.nativeValue(buffer);
    private volatile boolean closed;

    public PipeWakeup() throws ErrnoException {
        int[] fds;
        try {
            fds = Posix.pipe(true);
        } catch (ErrnoException e) {
            buffer.close();
            throw e;
        }
        readFd = fds[0];
        writeFd = fds[1];
        buffer.setByte(0, (byte) 1);
    }

    @Override
    public int fd() {
        return readFd;
    }

    /** @return the write end, for tests */
    public int writeFd() {
        return writeFd;
    }

    @Override
    public synchronized void signal() { // with close(): never write to a number closed and reused meanwhile
        if (!closed) {
            LibC.write(writeFd, address, 1); // EAGAIN: the pipe is full, so it is readable already
        }
    }

    @Override
    public void drain() {
        if (!closed) {
            while (LibC.read(readFd, address, DRAIN_CHUNK) == DRAIN_CHUNK) {
                // keep reading until a short read: the pipe is then empty (or EAGAIN)
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(readFd);
            LibC.close(writeFd);
            buffer.close();
        }
    }
}
