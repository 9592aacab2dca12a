package org.iowait.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * poll(2) by JNA direct mapping, for {@link PollCall} on the JNA layer. The pointer and {@code nfds_t} widths come
 * from {@link NativeLayout}: {@code nfds_t} is {@code unsigned long} on Linux and Solaris but {@code unsigned int} on
 * macOS and the BSDs, and both are 32 bits on ILP32. One direct-mapped class per combination; only the host's is
 * registered, chosen once.
 */
final class PollJna {
    private static final int SHAPE;
    private static final int LONG_NFDS = 0;
    private static final int INT_NFDS = 1;
    private static final int ILP32 = 2;

    static {
        NativeLayout layout = NativeLayout.host();
        SHAPE = layout.isIlp32() ? ILP32 : layout.nfdsSize() == 8 ? LONG_NFDS : INT_NFDS;
        Class<?> binding = switch (SHAPE) {
            case LONG_NFDS -> LongNfds.class;
            case INT_NFDS -> IntNfds.class;
            default -> Ilp32.class;
        };
        Native.register(binding, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private PollJna() {
    }

    /** @return what poll(2) returned; -1 with errno in {@link Native#getLastError()} */
    static int poll(long fds, int nfds, int timeoutMillis) {
        return switch (SHAPE) {
            case LONG_NFDS -> LongNfds.poll(fds, nfds, timeoutMillis);
            case INT_NFDS -> IntNfds.poll(fds, nfds, timeoutMillis);
            default -> Ilp32.poll((int) fds, nfds, timeoutMillis);
        };
    }

    /** LP64 Linux and Solaris. */
    private static final class LongNfds {
        static native int poll(long fds, long nfds, int timeout);
    }

    /** LP64 macOS and the BSDs. */
    private static final class IntNfds {
        static native int poll(long fds, int nfds, int timeout);
    }

    /** Every ILP32 system: pointer and nfds_t are 32 bits. */
    private static final class Ilp32 {
        static native int poll(int fds, int nfds, int timeout);
    }
}
