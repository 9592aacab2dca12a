package org.iowait.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/** Linux-only libc calls, in their own class so binding them never breaks {@link LibC} elsewhere. */
final class LinuxLibC {
    static {
        Native.register(LinuxLibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LinuxLibC() {
    }

    static native int eventfd(int initval, int flags);
}
