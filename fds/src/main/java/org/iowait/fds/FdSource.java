package org.iowait.fds;

import org.iowait.FileDescriptorSource;
import org.iowait.posix.Posix;

/**
 * An fd this library owns: {@link #fd()} is -1 once closed (so registering a closed source fails with a clear
 * {@code IllegalArgumentException}), every other use after close throws {@link IllegalStateException} naming the
 * source, and close is idempotent and safe from any thread.
 */
abstract class FdSource implements FileDescriptorSource, AutoCloseable {
    private final int fd;
    private volatile boolean closed;

    FdSource(int fd) {
        this.fd = fd;
    }

    /** @return the fd, or -1 once closed */
    @Override
    public int fd() {
        return closed ? -1 : fd;
    }

    /** @return false once {@link #close()} was called */
    public boolean isOpen() {
        return !closed;
    }

    /** @return the fd, for native calls made while holding this object's lock */
    final int openFd() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
        return fd;
    }

    /** Releases the fd (and whatever {@link #release()} frees); the second and later calls do nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Posix.closeQuietly(fd); // EINTR or EIO still free the number on Linux: nothing to retry
            release();
        }
    }

    /** Frees what a subclass holds besides the fd; called once, under the lock. */
    void release() {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + (closed ? "[closed]" : "[fd=" + fd + "]");
    }
}
