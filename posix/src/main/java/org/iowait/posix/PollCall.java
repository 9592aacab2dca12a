package org.iowait.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * poll(2), shared by the poll backend, the one-fd wait and the JVM-wide poller ({@code struct pollfd} is
 * {@link PollFdArray}). {@code nfds_t} is {@code unsigned long} on Linux and Solaris but {@code unsigned int} on macOS
 * and the BSDs, so both are bound and the right one is chosen once.
 *
 * <pre>{@code
 * int n = PollCall.poll(array.address(), count, timeoutMillis);   // -1: read Native.getLastError() at once
 * }</pre>
 */
public final class PollCall {
    public static final short POLLIN = 0x1;
    public static final short POLLPRI = 0x2;
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;

    private static final boolean NFDS_IS_LONG = Platform.isLinux() || Platform.isSolaris() || Platform.isAIX();

    static {
        NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
        Native.register(NFDS_IS_LONG ? LongNfds.class : IntNfds.class, libc);
    }

    private PollCall() {
    }

    /** @return what poll(2) returned; -1 with errno in {@link Native#getLastError()} */
    public static int poll(long fds, int nfds, int timeoutMillis) {
        return NFDS_IS_LONG ? LongNfds.poll(fds, nfds, timeoutMillis) : IntNfds.poll(fds, nfds, timeoutMillis);
    }

    /** @return {@code Selector.READ}/{@code WRITE} bits as poll(2) events */
    public static short toPoll(int events) {
        return (short) (((events & 1) != 0 ? POLLIN : 0) | ((events & 2) != 0 ? POLLOUT : 0));
    }

    /** @return poll(2) revents as {@code READ}/{@code WRITE} bits; HUP, ERR and NVAL count as both */
    public static int fromPoll(int revents) {
        if ((revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) {
            return 3;
        }
        return ((revents & (POLLIN | POLLPRI)) != 0 ? 1 : 0) | ((revents & POLLOUT) != 0 ? 2 : 0);
    }

    private static final class LongNfds {
        static native int poll(long fds, long nfds, int timeout);
    }

    private static final class IntNfds {
        static native int poll(long fds, int nfds, int timeout);
    }
}
