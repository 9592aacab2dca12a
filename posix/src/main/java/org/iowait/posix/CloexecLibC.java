package org.iowait.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The calls that create an fd with close-on-exec already set, so that a fork in another thread can never inherit it
 * between the creation and an {@code fcntl(F_SETFD)}: Linux, FreeBSD, OpenBSD, NetBSD, DragonFly and illumos have
 * them; macOS has none (there {@link Posix} falls back to {@code fcntl}). In their own class so that a libc without
 * them never breaks {@link LibC}. {@code socketpair} takes {@code SOCK_CLOEXEC} in its type and needs no binding here.
 */
final class CloexecLibC {
    /** Whether the host has pipe2 and accept4 (the class loads); false on macOS and where binding them failed. */
    static final boolean AVAILABLE = available();

    private CloexecLibC() {
    }

    private static boolean available() {
        if (Os.host() == Os.MACOS || Os.host() == Os.OTHER) {
            return false;
        }
        try {
            Native.register(CloexecLibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return true;
        } catch (UnsatisfiedLinkError e) { // an older libc: the fcntl fallback is the best there is
            return false;
        }
    }

    static native int pipe2(int[] fds, int flags);

    /** {@code addr} and {@code addrlen} may be null; a {@link Pointer} has the right width on every data model. */
    static native int accept4(int fd, Pointer addr, Pointer addrlen, int flags);
}
