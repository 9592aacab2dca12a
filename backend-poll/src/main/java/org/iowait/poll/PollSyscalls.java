package org.iowait.poll;

import org.iowait.posix.PollSyscall;

/**
 * poll(2) for this backend: the binding and the event bits live once in the POSIX layer
 * ({@link org.iowait.posix.PollSyscall}, shared with {@link org.iowait.posix.FdWait}); {@code struct pollfd} is
 * {@link org.iowait.posix.PollFdArray}, shared with /dev/poll.
 */
final class PollSyscalls {
    static final short POLLIN = PollSyscall.POLLIN;
    static final short POLLPRI = PollSyscall.POLLPRI;
    static final short POLLOUT = PollSyscall.POLLOUT;
    static final short POLLERR = PollSyscall.POLLERR;
    static final short POLLHUP = PollSyscall.POLLHUP;
    static final short POLLNVAL = PollSyscall.POLLNVAL;

    private PollSyscalls() {
    }

    /** @return what poll(2) returned; -1 with errno in {@link com.sun.jna.Native#getLastError()} */
    static int poll(long fds, int nfds, int timeoutMillis) {
        return PollSyscall.poll(fds, nfds, timeoutMillis);
    }
}
