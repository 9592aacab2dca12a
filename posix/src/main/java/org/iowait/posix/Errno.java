package org.iowait.posix;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.iowait.ErrnoException;

/**
 * errno numbers and their symbolic names, numbered as the running OS family numbers them: Linux; macOS and the BSDs
 * (the 4.4BSD numbering, which differs from Linux above 34 and among themselves for a few); Solaris and illumos (the
 * System V numbering: EAGAIN 11, EDEADLK 45, ECONNRESET 131). One table with a column per family; the family is
 * {@link Os#host()}. Descriptions come from the C library's {@code strerror}.
 *
 * <pre>{@code
 * if (result == -1) throw Errno.exception("close(fd=" + fd + ")", Errno.lastErrno());
 * Errno.number(Os.SOLARIS, "ECONNRESET");   // 131, on any machine
 * }</pre>
 */
public final class Errno {
    /** name -> number, per family; the columns of the table below. */
    private static final Map<Os, Map<String, Integer>> BY_NAME = new EnumMap<>(Os.class);
    /** number -> name, per family; the first name listed wins (EAGAIN over EWOULDBLOCK, which is never listed). */
    private static final Map<Os, Map<Integer, String>> BY_NUMBER = new EnumMap<>(Os.class);
    private static final Os[] COLUMNS = {Os.LINUX, Os.MACOS, Os.FREEBSD, Os.OPENBSD, Os.NETBSD, Os.SOLARIS};

    static {
        //  name               Linux macOS FreeBSD OpenBSD NetBSD Solaris
        row("EPERM", 1, 1, 1, 1, 1, 1);
        row("ENOENT", 2, 2, 2, 2, 2, 2);
        row("ESRCH", 3, 3, 3, 3, 3, 3);
        row("EINTR", 4, 4, 4, 4, 4, 4);
        row("EIO", 5, 5, 5, 5, 5, 5);
        row("ENXIO", 6, 6, 6, 6, 6, 6);
        row("E2BIG", 7, 7, 7, 7, 7, 7);
        row("ENOEXEC", 8, 8, 8, 8, 8, 8);
        row("EBADF", 9, 9, 9, 9, 9, 9);
        row("ECHILD", 10, 10, 10, 10, 10, 10);
        row("EAGAIN", 11, 35, 35, 35, 35, 11);
        row("EDEADLK", 35, 11, 11, 11, 11, 45);
        row("ENOMEM", 12, 12, 12, 12, 12, 12);
        row("EACCES", 13, 13, 13, 13, 13, 13);
        row("EFAULT", 14, 14, 14, 14, 14, 14);
        row("EBUSY", 16, 16, 16, 16, 16, 16);
        row("EEXIST", 17, 17, 17, 17, 17, 17);
        row("EXDEV", 18, 18, 18, 18, 18, 18);
        row("ENODEV", 19, 19, 19, 19, 19, 19);
        row("ENOTDIR", 20, 20, 20, 20, 20, 20);
        row("EISDIR", 21, 21, 21, 21, 21, 21);
        row("EINVAL", 22, 22, 22, 22, 22, 22);
        row("ENFILE", 23, 23, 23, 23, 23, 23);
        row("EMFILE", 24, 24, 24, 24, 24, 24);
        row("ENOTTY", 25, 25, 25, 25, 25, 25);
        row("EFBIG", 27, 27, 27, 27, 27, 27);
        row("ENOSPC", 28, 28, 28, 28, 28, 28);
        row("ESPIPE", 29, 29, 29, 29, 29, 29);
        row("EROFS", 30, 30, 30, 30, 30, 30);
        row("EPIPE", 32, 32, 32, 32, 32, 32);
        row("ERANGE", 34, 34, 34, 34, 34, 34);
        row("ENAMETOOLONG", 36, 63, 63, 63, 63, 78);
        row("ENOSYS", 38, 78, 78, 78, 78, 89);
        row("ELOOP", 40, 62, 62, 62, 62, 90);
        row("EOVERFLOW", 75, 84, 84, 87, 84, 79);
        row("ENOTSOCK", 88, 38, 38, 38, 38, 95);
        row("EMSGSIZE", 90, 40, 40, 40, 40, 97);
        row("EPROTONOSUPPORT", 93, 43, 43, 43, 43, 120);
        row("EOPNOTSUPP", 95, 102, 45, 45, 45, 122);
        row("EAFNOSUPPORT", 97, 47, 47, 47, 47, 124);
        row("EADDRINUSE", 98, 48, 48, 48, 48, 125);
        row("EADDRNOTAVAIL", 99, 49, 49, 49, 49, 126);
        row("ENETUNREACH", 101, 51, 51, 51, 51, 128);
        row("ECONNABORTED", 103, 53, 53, 53, 53, 130);
        row("ECONNRESET", 104, 54, 54, 54, 54, 131);
        row("ENOBUFS", 105, 55, 55, 55, 55, 132);
        row("EISCONN", 106, 56, 56, 56, 56, 133);
        row("ENOTCONN", 107, 57, 57, 57, 57, 134);
        row("ETIMEDOUT", 110, 60, 60, 60, 60, 145);
        row("ECONNREFUSED", 111, 61, 61, 61, 61, 146);
        row("EHOSTUNREACH", 113, 65, 65, 65, 65, 148);
        row("EALREADY", 114, 37, 37, 37, 37, 149);
        row("EINPROGRESS", 115, 36, 36, 36, 36, 150);
        row("ECANCELED", 125, 89, 85, 88, 87, 47);
        BY_NAME.put(Os.DRAGONFLY, BY_NAME.get(Os.FREEBSD));   // DragonFly kept FreeBSD's numbers
        BY_NUMBER.put(Os.DRAGONFLY, BY_NUMBER.get(Os.FREEBSD));
        BY_NAME.put(Os.OTHER, BY_NAME.get(Os.LINUX));         // no table: POSIX's low numbers are shared anyway
        BY_NUMBER.put(Os.OTHER, BY_NUMBER.get(Os.LINUX));
    }

    private static final Map<String, Integer> NUMBERS = BY_NAME.get(Os.host());
    private static final Map<Integer, String> NAMES = BY_NUMBER.get(Os.host());

    public static final int EPERM = NUMBERS.get("EPERM");
    public static final int ENOENT = NUMBERS.get("ENOENT");
    public static final int ESRCH = NUMBERS.get("ESRCH");
    public static final int EINTR = NUMBERS.get("EINTR");
    public static final int EIO = NUMBERS.get("EIO");
    public static final int ENXIO = NUMBERS.get("ENXIO");
    public static final int E2BIG = NUMBERS.get("E2BIG");
    public static final int ENOEXEC = NUMBERS.get("ENOEXEC");
    public static final int EBADF = NUMBERS.get("EBADF");
    public static final int ECHILD = NUMBERS.get("ECHILD");
    public static final int EAGAIN = NUMBERS.get("EAGAIN");
    public static final int EDEADLK = NUMBERS.get("EDEADLK");
    public static final int ENOMEM = NUMBERS.get("ENOMEM");
    public static final int EACCES = NUMBERS.get("EACCES");
    public static final int EFAULT = NUMBERS.get("EFAULT");
    public static final int EBUSY = NUMBERS.get("EBUSY");
    public static final int EEXIST = NUMBERS.get("EEXIST");
    public static final int EXDEV = NUMBERS.get("EXDEV");
    public static final int ENODEV = NUMBERS.get("ENODEV");
    public static final int ENOTDIR = NUMBERS.get("ENOTDIR");
    public static final int EISDIR = NUMBERS.get("EISDIR");
    public static final int EINVAL = NUMBERS.get("EINVAL");
    public static final int ENFILE = NUMBERS.get("ENFILE");
    public static final int EMFILE = NUMBERS.get("EMFILE");
    public static final int ENOTTY = NUMBERS.get("ENOTTY");
    public static final int EFBIG = NUMBERS.get("EFBIG");
    public static final int ENOSPC = NUMBERS.get("ENOSPC");
    public static final int ESPIPE = NUMBERS.get("ESPIPE");
    public static final int EROFS = NUMBERS.get("EROFS");
    public static final int EPIPE = NUMBERS.get("EPIPE");
    public static final int ERANGE = NUMBERS.get("ERANGE");
    public static final int ENAMETOOLONG = NUMBERS.get("ENAMETOOLONG");
    public static final int ENOSYS = NUMBERS.get("ENOSYS");
    public static final int ELOOP = NUMBERS.get("ELOOP");
    public static final int EOVERFLOW = NUMBERS.get("EOVERFLOW");
    public static final int ENOTSOCK = NUMBERS.get("ENOTSOCK");
    public static final int EMSGSIZE = NUMBERS.get("EMSGSIZE");
    public static final int EPROTONOSUPPORT = NUMBERS.get("EPROTONOSUPPORT");
    public static final int EOPNOTSUPP = NUMBERS.get("EOPNOTSUPP");
    public static final int EAFNOSUPPORT = NUMBERS.get("EAFNOSUPPORT");
    public static final int EADDRINUSE = NUMBERS.get("EADDRINUSE");
    public static final int EADDRNOTAVAIL = NUMBERS.get("EADDRNOTAVAIL");
    public static final int ENETUNREACH = NUMBERS.get("ENETUNREACH");
    public static final int ECONNABORTED = NUMBERS.get("ECONNABORTED");
    public static final int ECONNRESET = NUMBERS.get("ECONNRESET");
    public static final int ENOBUFS = NUMBERS.get("ENOBUFS");
    public static final int EISCONN = NUMBERS.get("EISCONN");
    public static final int ENOTCONN = NUMBERS.get("ENOTCONN");
    public static final int ETIMEDOUT = NUMBERS.get("ETIMEDOUT");
    public static final int ECONNREFUSED = NUMBERS.get("ECONNREFUSED");
    public static final int EHOSTUNREACH = NUMBERS.get("EHOSTUNREACH");
    public static final int EALREADY = NUMBERS.get("EALREADY");
    public static final int EINPROGRESS = NUMBERS.get("EINPROGRESS");
    public static final int ECANCELED = NUMBERS.get("ECANCELED");

    private Errno() {
    }

    private static void row(String name, int... numbers) {
        for (int i = 0; i < COLUMNS.length; i++) {
            BY_NAME.computeIfAbsent(COLUMNS[i], os -> new HashMap<>()).put(name, numbers[i]);
            BY_NUMBER.computeIfAbsent(COLUMNS[i], os -> new HashMap<>()).putIfAbsent(numbers[i], name);
        }
    }

    /**
     * @return {@code name}'s number on {@code os}
     * @throws IllegalArgumentException for a name the table does not list
     */
    public static int number(Os os, String name) {
        Integer number = BY_NAME.get(os).get(name);
        if (number == null) {
            throw new IllegalArgumentException("no errno named " + name + " in the table (known: "
                    + new java.util.TreeSet<>(BY_NAME.get(os).keySet()) + ")");
        }
        return number;
    }

    /** @return the symbolic name of {@code errno} on {@code os}, or {@code "E<number>"} when unknown */
    public static String name(Os os, int errno) {
        String name = BY_NUMBER.get(os).get(errno);
        return name != null ? name : "E" + errno;
    }

    /** @return every name the table lists, with its number on {@code os} */
    public static Map<String, Integer> numbers(Os os) {
        return Map.copyOf(BY_NAME.get(os));
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

    /** @return an exception for {@code call} with the calling thread's last errno; call right after the failure */
    public static ErrnoException last(String call) {
        return exception(call, lastErrno());
    }

    /**
     * @return the errno the calling thread's last failed native call left, on either native layer (JNA keeps it per
     *         thread, FFM captures it per call); read it right after the failure, before any other native call
     */
    public static int lastErrno() {
        return PosixCalls.CALLS.errno();
    }
}
