package org.iowait.posix;

import com.sun.jna.Native;

/**
 * Waits for one fd with poll(2): the blocking step of a write to a full socket or pipe, or of a read that must wait.
 * EINTR is retried with what is left of the deadline, measured on the monotonic clock ({@link System#nanoTime()}).
 * One small static entry point, so that how the calling thread waits (a platform thread blocking in the kernel, or a
 * virtual thread parking) can change in one place.
 *
 * <pre>{@code
 * int revents = FdWait.await(fd, PollEvents.POLLOUT, TimeUnit.SECONDS.toNanos(5));
 * if (revents == 0) throw new SocketTimeoutException("not writable within 5 s");
 * }</pre>
 */
public final class FdWait {
    private FdWait() {
    }

    /**
     * @param fd           the fd to watch; must be open
     * @param events       {@link PollEvents#POLLIN}, {@link PollEvents#POLLOUT} or both
     * @param timeoutNanos how long to wait: negative waits forever, 0 only looks
     * @return the fd's {@code revents} (may include POLLERR or POLLHUP, which the next read or write reports), or 0
     *         when the deadline passed first
     * @throws IllegalArgumentException a negative fd, or no event asked for
     * @throws org.iowait.ErrnoException poll(2) failed, or the fd is not open (POLLNVAL, reported as EBADF)
     */
    public static int await(int fd, int events, long timeoutNanos) throws org.iowait.ErrnoException {
        if (fd < 0) {
            throw new IllegalArgumentException("fd must not be negative: " + fd);
        }
        if ((events & (PollEvents.POLLIN | PollEvents.POLLOUT | PollEvents.POLLPRI)) == 0) {
            throw new IllegalArgumentException("events must ask for POLLIN, POLLOUT or POLLPRI, got " + events);
        }
        long start = System.nanoTime();
        try (PollFdArray one = new PollFdArray(1)) {
            for (;;) {
                one.set(0, fd, (short) events);
                int n = PollSyscall.poll(one.address(), 1, millis(timeoutNanos, start));
                if (n > 0) {
                    int revents = one.revents(0) & 0xffff;
                    if ((revents & PollEvents.POLLNVAL) != 0) {
                        throw Errno.exception("poll(fd=" + fd + ")", Errno.EBADF);
                    }
                    return revents;
                }
                if (n == 0) {
                    if (timeoutNanos >= 0 && System.nanoTime() - start >= timeoutNanos) {
                        return 0;
                    }
                    continue; // woke early (millisecond rounding): wait out the rest
                }
                int errno = Native.getLastError();
                if (errno != Errno.EINTR) {
                    throw Errno.exception("poll(fd=" + fd + ")", errno);
                }
            }
        }
    }

    /** @return the remaining milliseconds, rounded up so a deadline is never cut short; -1 for forever */
    private static int millis(long timeoutNanos, long start) {
        if (timeoutNanos < 0) {
            return -1;
        }
        long left = Math.max(0, timeoutNanos - (System.nanoTime() - start));
        return (int) Math.min((left + 999_999L) / 1_000_000L, Integer.MAX_VALUE);
    }
}
