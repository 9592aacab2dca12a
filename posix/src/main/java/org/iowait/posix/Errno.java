package org.iowait.posix;

import java.util.HashMap;
import java.util.Map;

import com.sun.jna.Platform;

import org.iowait.ErrnoException;

/**
 * errno numbers and their symbolic names, numbered as the running OS numbers them (Linux, or macOS/BSD, whose
 * numbers differ above 34; Solaris shares the low ones). Descriptions come from the C library's {@code strerror}.
 *
 * <pre>{@code
 * if (result == -1) throw Errno.exception("close(fd=" + fd + ")", Errno.lastErrno());
 * }</pre>
 */
public final class Errno {
    private static final boolean BSD = Platform.isMac() || Platform.isFreeBSD() || Platform.isOpenBSD()
            || Platform.isNetBSD() || Platform.isDragonFlyBSD();
    private static final Map<Integer, String> NAMES = new HashMap<>();

    public static final int EPERM = def("EPERM", 1, 1);
    public static final int ENOENT = def("ENOENT", 2, 2);
    public static final int ESRCH = def("ESRCH", 3, 3);
    public static final int EINTR = def("EINTR", 4, 4);
    public static final int EIO = def("EIO", 5, 5);
    public static final int ENXIO = def("ENXIO", 6, 6);
    public static final int E2BIG = def("E2BIG", 7, 7);
    public static final int ENOEXEC = def("ENOEXEC", 8, 8);
    public static final int EBADF = def("EBADF", 9, 9);
    public static final int ECHILD = def("ECHILD", 10, 10);
    public static final int EAGAIN = def("EAGAIN", 11, 35);
    public static final int EDEADLK = def("EDEADLK", 35, 11);
    public static final int ENOMEM = def("ENOMEM", 12, 12);
    public static final int EACCES = def("EACCES", 13, 13);
    public static final int EFAULT = def("EFAULT", 14, 14);
    public static final int EBUSY = def("EBUSY", 16, 16);
    public static final int EEXIST = def("EEXIST", 17, 17);
    public static final int EXDEV = def("EXDEV", 18, 18);
    public static final int ENODEV = def("ENODEV", 19, 19);
    public static final int ENOTDIR = def("ENOTDIR", 20, 20);
    public static final int EISDIR = def("EISDIR", 21, 21);
    public static final int EINVAL = def("EINVAL", 22, 22);
    public static final int ENFILE = def("ENFILE", 23, 23);
    public static final int EMFILE = def("EMFILE", 24, 24);
    public static final int ENOTTY = def("ENOTTY", 25, 25);
    public static final int EFBIG = def("EFBIG", 27, 27);
    public static final int ENOSPC = def("ENOSPC", 28, 28);
    public static final int ESPIPE = def("ESPIPE", 29, 29);
    public static final int EROFS = def("EROFS", 30, 30);
    public static final int EPIPE = def("EPIPE", 32, 32);
    public static final int ERANGE = def("ERANGE", 34, 34);
    public static final int ENAMETOOLONG = def("ENAMETOOLONG", 36, 63);
    public static final int ENOSYS = def("ENOSYS", 38, 78);
    public static final int ELOOP = def("ELOOP", 40, 62);
    public static final int EOVERFLOW = def("EOVERFLOW", 75, 84);
    public static final int ENOTSOCK = def("ENOTSOCK", 88, 38);
    public static final int EMSGSIZE = def("EMSGSIZE", 90, 40);
    public static final int EPROTONOSUPPORT = def("EPROTONOSUPPORT", 93, 43);
    public static final int EOPNOTSUPP = def("EOPNOTSUPP", 95, Platform.isMac() ? 102 : 45);
    public static final int EAFNOSUPPORT = def("EAFNOSUPPORT", 97, 47);
    public static final int EADDRINUSE = def("EADDRINUSE", 98, 48);
    public static final int EADDRNOTAVAIL = def("EADDRNOTAVAIL", 99, 49);
    public static final int ENETUNREACH = def("ENETUNREACH", 101, 51);
    public static final int ECONNABORTED = def("ECONNABORTED", 103, 53);
    public static final int ECONNRESET = def("ECONNRESET", 104, 54);
    public static final int ENOBUFS = def("ENOBUFS", 105, 55);
    public static final int EISCONN = def("EISCONN", 106, 56);
    public static final int ENOTCONN = def("ENOTCONN", 107, 57);
    public static final int ETIMEDOUT = def("ETIMEDOUT", 110, 60);
    public static final int ECONNREFUSED = def("ECONNREFUSED", 111, 61);
    public static final int EHOSTUNREACH = def("EHOSTUNREACH", 113, 65);
    public static final int EALREADY = def("EALREADY", 114, 37);
    public static final int EINPROGRESS = def("EINPROGRESS", 115, 36);
    public static final int ECANCELED = def("ECANCELED", 125, Platform.isMac() ? 89 : 85);

    private Errno() {
    }

    private static int def(String name, int linux, int bsd) {
        int number = BSD ? bsd : linux;
        NAMES.putIfAbsent(number, name);
        return number;
    }

    /** @return the symbolic name, e.g. {@code "EBADF"}, or {@code "E<number>"} when unknown */
    public static String name(int errno) {
        String name = NAMES.get(errno);
        return name != null ? name : "E" + errno;
    }

    /** @return the C library's description of {@code errno} */
    public static String describe(int errno) {
        try {
            String text = PosixCalls.CALLS.strerror(errno);
            return text != null ? text : "errno " + errno;
        } catch (RuntimeException | LinkageError e) {
            return "errno " + errno;
        }
    }

    /** @return an exception for {@code call} that failed with {@code errno} */
    public static ErrnoException exception(String call, int errno) {
        return new ErrnoException(call, errno, name(errno), describe(errno));
    }

    /**
     * @return the errno the calling thread's last failed native call left, on either native layer (JNA keeps it per
     *         thread, FFM captures it per call); read it right after the failure, before any other native call
     */
    public static int lastErrno() {
        return PosixCalls.CALLS.errno();
    }

    /** @return an exception for {@code call} with the calling thread's last errno; call right after the failure */
    public static ErrnoException last(String call) {
        return exception(call, lastErrno());
    }
}
