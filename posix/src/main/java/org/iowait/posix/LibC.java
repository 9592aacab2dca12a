package org.iowait.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls every POSIX system shares, bound by JNA direct mapping with primitive arguments. They return the raw
 * result: check for -1 and read {@link Native#getLastError()} at once, or use the EINTR-safe wrappers in
 * {@link Posix}.
 *
 * <p>Addresses and sizes are Java {@code long}s here on every data model. Direct mapping passes a {@code long} as a
 * 64-bit integer, which is wrong for a 32-bit {@code size_t} or pointer, so the calls that take them are bound twice,
 * in {@link Lp64} and {@link Ilp32} (with {@code int}), and only the class of the running data model is registered.
 * The choice is a {@code static final} the JIT folds, so the 64-bit path costs nothing more than before.
 *
 * <pre>{@code
 * long n = LibC.read(fd, bufferAddress, 8);
 * if (n == -1) throw Errno.last("read(fd=" + fd + ")");
 * }</pre>
 */
public final class LibC {
    private static final boolean ILP32 = DataModel.ILP32_HOST;

    static {
        NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
        Native.register(LibC.class, libc);
        Native.register(ILP32 ? Ilp32.class : Lp64.class, libc);
    }

    private LibC() {
    }

    public static long read(int fd, long buf, long count) {
        return ILP32 ? Ilp32.read(fd, (int) buf, (int) count) : Lp64.read(fd, buf, count);
    }

    public static long write(int fd, long buf, long count) {
        return ILP32 ? Ilp32.write(fd, (int) buf, (int) count) : Lp64.write(fd, buf, count);
    }

    public static long write(int fd, byte[] buf, long count) {
        return ILP32 ? Ilp32.write(fd, buf, (int) count) : Lp64.write(fd, buf, count);
    }

    public static native int close(int fd);

    public static native int pipe(int[] fds);

    public static native int dup(int fd);

    public static native int dup2(int fd, int fd2);

    public static native int socketpair(int domain, int type, int protocol, int[] sv);

    public static native int shutdown(int fd, int how);

    /** accept(2); {@code addr} and {@code addrlen} may be null. A {@link Pointer} has the right width on every model. */
    public static native int accept(int fd, Pointer addr, Pointer addrlen);

    public static native int isatty(int fd);

    /**
     * fcntl for the commands that take no third argument (F_GETFD, F_GETFL): no variadic argument is passed, so a
     * fixed two-argument binding is right on every ABI and avoids the varargs mapping's boxing.
     */
    public static native int fcntl(int fd, int cmd);

    public static native int getpid();

    public static native String strerror(int errnum);

    /** {@code size_t}, {@code ssize_t} and pointers as 64-bit {@code long}. */
    private static final class Lp64 {
        static native long read(int fd, long buf, long count);

        static native long write(int fd, long buf, long count);

        static native long write(int fd, byte[] buf, long count);
    }

    /** {@code size_t}, {@code ssize_t} and pointers as 32-bit {@code int}. */
    private static final class Ilp32 {
        static native int read(int fd, int buf, int count);

        static native int write(int fd, int buf, int count);

        static native int write(int fd, byte[] buf, int count);
    }
}
