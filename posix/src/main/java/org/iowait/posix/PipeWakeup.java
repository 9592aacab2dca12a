package org.iowait.posix;

import org.iowait.ErrnoException;

/** A non-blocking self-pipe: write one byte to wake, read until empty to reset. Works on every POSIX system. */
public final class PipeWakeup implements Wakeup {
    private static final int DRAIN_CHUNK = 128;

    private final int readFd;
    private final int writeFd;
    private static final PosixCalls CALLS = PosixCalls.CALLS;

    private final NativeBuffer buffer = NativeBuffer.allocate(DRAIN_CHUNK);
    private final long address = buffer.address();
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
        buffer.view().put(0, (byte) 1);
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
            CALLS.write(writeFd, address, 1); // EAGAIN: the pipe is full, so it is readable already
        }
    }

    @Override
    public void drain() {
        if (!closed) {
            while (CALLS.read(readFd, address, DRAIN_CHUNK) == DRAIN_CHUNK) {
                // keep reading until a short read: the pipe is then empty (or EAGAIN)
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            CALLS.close(readFd);
            CALLS.close(writeFd);
            buffer.close();
        }
    }
}
