package org.iowait.select;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/** {@link SelectCalls} by JNA direct mapping. */
final class SelectJna implements SelectCalls {
    @Override
    public int select(int nfds, long readfds, long writefds, long exceptfds, long timeout) {
        return Natives.select(nfds, readfds, writefds, exceptfds, timeout);
    }

    private static final class Natives {
        static {
            Native.register(Natives.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        static native int select(int nfds, long readfds, long writefds, long exceptfds, long timeout);
    }
}
