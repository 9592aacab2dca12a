package org.iowait.select;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import org.iowait.posix.NativeLayout;

/**
 * {@link SelectCalls} by JNA direct mapping. Direct mapping passes a {@code long} as 64 bits, so select is bound twice
 * ({@link Lp64}, {@link Ilp32} with {@code int} pointers) and only the running data model's class is registered.
 */
final class SelectJna implements SelectCalls {
    private static final boolean ILP32 = NativeLayout.host().isIlp32();

    static {
        Native.register(ILP32 ? Ilp32.class : Lp64.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    @Override
    public int select(int nfds, long readfds, long writefds, long exceptfds, long timeout) {
        return ILP32 ? Ilp32.select(nfds, (int) readfds, (int) writefds, (int) exceptfds, (int) timeout)
                : Lp64.select(nfds, readfds, writefds, exceptfds, timeout);
    }

    private static final class Lp64 {
        static native int select(int nfds, long readfds, long writefds, long exceptfds, long timeout);
    }

    private static final class Ilp32 {
        static native int select(int nfds, int readfds, int writefds, int exceptfds, int timeout);
    }
}
