package org.iowait.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The libc calls every POSIX system shares, bound by JNA direct mapping (primitive arguments, addresses as
 * {@code long}; LP64 only). They return the raw result: check for -1 and read {@link Native#getLastError()} at once,
 * or use the EINTR-safe wrappers in {@link Posix}.
 */
public final class LibC {
    static {
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibC() {
    }

    public static native long read(int fd, long buf, long count);

    public static native long read(int fd, byte[] buf, long count);

    public static native long write(int fd, long buf, long count);

    public static native long write(int fd, byte[] buf, long count);

    public static native int close(int fd);

    public static native int pipe(int[] fds);

    public static native int dup(int fd);

    public static native int dup2(int fd, int fd2);

    public static native int socketpair(int domain, int type, int protocol, int[] sv);

    public static native int shutdown(int fd, int how);

    public static native int accept(int fd, long addr, long addrlen);

    public static native int isatty(int fd);

    /**
     * fcntl for the commands that take no third argument (F_GETFD, F_GETFL): no variadic argument is passed, so a
     * fixed two-argument binding is right on every ABI and avoids the varargs mapping's boxing.
     */
    public static native int fcntl(int fd, int cmd);

    public static native int getpid();

    public static native String strerror(int errnum);
}
