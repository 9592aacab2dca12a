package org.iowait.poll;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * poll(2): the only native code of this backend ({@code struct pollfd} is {@link org.iowait.posix.PollFdArray}, shared
 * with /dev/poll). {@code nfds_t} is {@code unsigned long} on Linux and Solaris but {@code unsigned int} on macOS and
 * the BSDs, so both are bound and the right one is chosen once.
 */
final class PollSyscalls {
    static final short POLLIN = 0x1;
    static final short POLLPRI = 0x2;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    private static final boolean NFDS_IS_LONG = Platform.isLinux() || Platform.isSolaris() || Platform.isAIX();

    static {
        NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
        Native.register(NFDS_IS_LONG ? LongNfds.class : IntNfds.class, libc);
    }

    private PollSyscalls() {
    }

    /** @return what poll(2) returned; -1 with errno in {@link Native#getLastError()} */
    static int poll(long fds, int nfds, int timeoutMillis) {
        return NFDS_IS_LONG ? LongNfds.poll(fds, nfds, timeoutMillis) : IntNfds.poll(fds, nfds, timeoutMillis);
    }

    private static final class LongNfds {
        static native int poll(long fds, long nfds, int timeout);
    }

    private static final class IntNfds {
        static native int poll(long fds, int nfds, int timeout);
    }
}
