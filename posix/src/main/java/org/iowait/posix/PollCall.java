package org.iowait.posix;

/**
 * poll(2), shared by the poll backend, the one-fd wait ({@link FdWait}) and the JVM-wide poller ({@link JvmPoller});
 * {@code struct pollfd} is {@link PollFdArray} and the POLL* bits are {@link PollEvents}. Bound by the running
 * {@link NativeLayer}, with {@code nfds_t} and the pointer at the widths {@link NativeLayout} gives.
 *
 * <pre>{@code
 * int n = PollCall.poll(fds.address(), 1, 1000);
 * if (n == -1) throw Errno.last("poll");
 * }</pre>
 */
public final class PollCall {
    private static final PosixCalls CALLS = PosixCalls.CALLS;

    private PollCall() {
    }

    /** @return what poll(2) returned; -1 with errno in {@link Errno#lastErrno()} */
    public static int poll(long fds, int nfds, int timeoutMillis) {
        return CALLS.poll(fds, nfds, timeoutMillis);
    }
}
