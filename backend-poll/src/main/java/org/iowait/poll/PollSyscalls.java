package org.iowait.poll;

import org.iowait.posix.PollSyscall;

/**
 * poll(2) for this backend: the binding lives once in the POSIX layer ({@link PollSyscall}, shared with
 * {@link org.iowait.posix.FdWait}); {@code struct pollfd} is {@link org.iowait.posix.PollFdArray} and the POLL* bits
 * are {@link org.iowait.posix.PollEvents}, both shared with /dev/poll.
 */
final class PollSyscalls {
    private PollSyscalls() {
    }

    /** @return what poll(2) returned; -1 with errno in {@link com.sun.jna.Native#getLastError()} */
    static int poll(long fds, int nfds, int timeoutMillis) {
        return PollSyscall.poll(fds, nfds, timeoutMillis);
    }
}
