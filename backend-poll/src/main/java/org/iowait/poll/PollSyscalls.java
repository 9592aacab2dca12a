package org.iowait.poll;

import com.sun.jna.Platform;

/**
 * poll(2)'s constants and {@code nfds_t}'s width, the one table both native layers use ({@code struct pollfd} is
 * {@link org.iowait.posix.PollFdArray}, shared with /dev/poll). {@code nfds_t} is {@code unsigned long} on Linux and
 * Solaris but {@code unsigned int} on macOS and the BSDs; the call itself is in {@link PollCalls}.
 */
final class PollSyscalls {
    static final short POLLIN = 0x1;
    static final short POLLPRI = 0x2;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    static final boolean NFDS_IS_LONG = Platform.isLinux() || Platform.isSolaris() || Platform.isAIX();

    private static final PollCalls CALLS = PollCalls.CALLS;

    private PollSyscalls() {
    }

    /** @return what poll(2) returned; -1 with errno in {@code Errno.lastErrno()} */
    static int poll(long fds, int nfds, int timeoutMillis) {
        return CALLS.poll(fds, nfds, timeoutMillis);
    }
}
