package org.iowait.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * poll(2) and its event bits, bound once for everything that polls a {@link PollFdArray}: the poll backend and
 * {@link FdWait}. {@code nfds_t} is {@code unsigned long} on Linux and Solaris but {@code unsigned int} on macOS and the
 * BSDs, so both signatures are bound and the right one is chosen once (a wrong-width argument is never passed).
 *
 * <pre>{@code
 * try (PollFdArray fds = new PollFdArray(1)) {
 *     fds.set(0, fd, PollSyscall.POLLIN);
 *     int n = PollSyscall.poll(fds.address(), 1, 1000);   // -1: read Native.getLastError() at once
 * }
 * }</pre>
 */
public final class PollSyscall {
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

    private PollSyscall() {
    }

    /** @return what poll(2) returned; -1 with errno in {@link Native#getLastError()} */
    public static int poll(long fds, int nfds, int timeoutMillis) {
        return NFDS_IS_LONG ? LongNfds.poll(fds, nfds, timeoutMillis) : IntNfds.poll(fds, nfds, timeoutMillis);
    }

    private static final class LongNfds {
        static native int poll(long fds, long nfds, int timeout);
    }

    private static final class IntNfds {
        static native int poll(long fds, int nfds, int timeout);
    }
}
