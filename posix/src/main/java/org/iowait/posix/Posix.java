package org.iowait.posix;


import org.iowait.ErrnoException;

/**
 * EINTR-safe wrappers over {@link LibC} that throw {@link ErrnoException} naming the call, the fd and the errno.
 * Non-blocking reads and writes return {@link #WOULD_BLOCK} instead of throwing EAGAIN.
 *
 * <pre>{@code
 * int[] p = Posix.pipe(true);              // {read end, write end}, non-blocking, close-on-exec
 * Posix.write(p[1], "hi".getBytes(), 0, 2);
 * byte[] buf = new byte[16];
 * int n = Posix.read(p[0], buf, 0, buf.length);
 * Posix.close(p[0]); Posix.close(p[1]);
 * }</pre>
 */
public final class Posix {
    private static final PosixCalls CALLS = PosixCalls.CALLS;

    /** What {@link #read} and {@link #write} return when a non-blocking fd is not ready. */
    public static final int WOULD_BLOCK = -1;

    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int FD_CLOEXEC = 1;
    /** O_NONBLOCK: 04000 on Linux (x86, arm, s390x, ppc, riscv), 4 on macOS/BSD, 0x80 on Solaris. */
    public static final int O_NONBLOCK = oNonblock(Os.host());
    public static final int O_CLOEXEC = oCloexec(Os.host());
    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = Os.host() == Os.SOLARIS ? 2 : 1;
    /** socket type flag for close-on-exec (socket, socketpair, accept4); 0 where the OS has none (macOS). */
    public static final int SOCK_CLOEXEC = sockCloexec(Os.host());
    /** socket type flag for non-blocking; 0 where the OS has none (macOS). */
    public static final int SOCK_NONBLOCK = sockNonblock(Os.host());
    public static final int SHUT_WR = 1;

    private Posix() {
    }

    /** @return O_NONBLOCK as {@code os} numbers it */
    public static int oNonblock(Os os) {
        return os == Os.LINUX ? 0x800 : os == Os.SOLARIS ? 0x80 : 0x4;
    }

    /** @return O_CLOEXEC as {@code os} numbers it */
    public static int oCloexec(Os os) {
        return switch (os) {
            case LINUX -> 0x80000;
            case MACOS -> 0x1000000;
            case FREEBSD -> 0x100000;
            case OPENBSD -> 0x10000;
            case NETBSD -> 0x400000;
            case DRAGONFLY -> 0x20000;
            case SOLARIS -> 0x800000;
            case OTHER -> 0;
        };
    }

    /** @return SOCK_CLOEXEC as {@code os} numbers it, 0 where it does not exist */
    public static int sockCloexec(Os os) {
        return switch (os) {
            case LINUX -> 0x80000;
            case FREEBSD, NETBSD, DRAGONFLY -> 0x10000000;
            case OPENBSD -> 0x8000;
            case SOLARIS -> 0x80000;
            case MACOS, OTHER -> 0;
        };
    }

    /** @return SOCK_NONBLOCK as {@code os} numbers it, 0 where it does not exist */
    public static int sockNonblock(Os os) {
        return switch (os) {
            case LINUX -> 0x800;
            case FREEBSD, NETBSD, DRAGONFLY -> 0x20000000;
            case OPENBSD -> 0x4000;
            case SOLARIS -> 0x100000;
            case MACOS, OTHER -> 0;
        };
    }

    /** @return whether fds are created with close-on-exec set atomically (pipe2, accept4, SOCK_CLOEXEC) here */
    public static boolean hasAtomicCloseOnExec() {
        return CALLS.cloexecCalls();
    }

    /**
     * Reads up to {@code len} bytes into {@code buf[off..]} (at most 64 KiB in one call, as read(2) may return less).
     *
     * @return the byte count, 0 at end of stream, or {@link #WOULD_BLOCK}
     */
    public static int read(int fd, byte[] buf, int off, int len) throws ErrnoException {
        checkRange(buf, off, len);
        NativeBuffer scratch = ScratchBuffers.take();
        try {
            int n = readInto(scratch, fd, Math.min(len, ScratchBuffers.SIZE));
            if (n > 0) {
                scratch.view().get(0, buf, off, n);
            }
            return n;
        } finally {
            ScratchBuffers.give(scratch);
        }
    }

    /**
     * Reads up to {@code max} bytes (at most 64 KiB) into a new array of just the size read: for a caller that keeps
     * what it reads, no buffer of its own and no second copy.
     *
     * @return the bytes read; an empty array at end of stream; null when a non-blocking fd has nothing now
     */
    public static byte[] read(int fd, int max) throws ErrnoException {
        if (max < 1) {
            throw new IllegalArgumentException("a read asks for at least 1 byte, not " + max);
        }
        NativeBuffer scratch = ScratchBuffers.take();
        try {
            int n = readInto(scratch, fd, Math.min(max, ScratchBuffers.SIZE));
            if (n == WOULD_BLOCK) {
                return null;
            }
            byte[] data = new byte[n];
            scratch.view().get(0, data, 0, n);
            return data;
        } finally {
            ScratchBuffers.give(scratch);
        }
    }

    private static int readInto(NativeBuffer scratch, int fd, int len) throws ErrnoException {
        for (;;) {
            long n = CALLS.read(fd, scratch.address(), len);
            if (n >= 0) {
                return (int) n;
            }
            if (!interrupted("read", fd, len)) {
                return WOULD_BLOCK;
            }
        }
    }

    /**
     * Writes up to {@code len} bytes from {@code buf[off..]}, once (a partial write returns less).
     *
     * @return the byte count written, or {@link #WOULD_BLOCK}
     */
    public static int write(int fd, byte[] buf, int off, int len) throws ErrnoException {
        checkRange(buf, off, len);
        // a longer write hands JNA or FFM the array itself: copying it whole costs about what staging it would, and
        // it stays one write(2)
        NativeBuffer scratch = len <= ScratchBuffers.SIZE ? ScratchBuffers.take() : null;
        byte[] source = scratch != null || off == 0 ? buf : java.util.Arrays.copyOfRange(buf, off, off + len);
        try {
            if (scratch != null) {
                scratch.view().put(0, buf, off, len);
            }
            for (;;) {
                long n = scratch != null ? CALLS.write(fd, scratch.address(), len) : CALLS.write(fd, source, len);
                if (n >= 0) {
                    return (int) n;
                }
                if (!interrupted("write", fd, len)) {
                    return WOULD_BLOCK;
                }
            }
        } finally {
            if (scratch != null) {
                ScratchBuffers.give(scratch);
            }
        }
    }

    /**
     * After a read or write returned -1: true for EINTR (call again), false for EAGAIN (would block).
     *
     * @throws ErrnoException any other errno, naming the call
     */
    private static boolean interrupted(String call, int fd, int len) throws ErrnoException {
        int errno = CALLS.errno();
        if (errno == Errno.EINTR) {
            return true;
        }
        if (errno == Errno.EAGAIN) {
            return false;
        }
        throw Errno.exception(call + "(fd=" + fd + ", " + len + ")", errno);
    }

    /** Closes {@code fd}. EINTR counts as closed: on Linux the fd is gone whatever close returned, so never retry. */
    public static void close(int fd) throws ErrnoException {
        if (CALLS.close(fd) == -1) {
            int errno = CALLS.errno();
            if (errno != Errno.EINTR) {
                throw Errno.exception("close(fd=" + fd + ")", errno);
            }
        }
    }

    /** Closes {@code fd} ignoring errors, for cleanup paths that already have an exception to report. */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            CALLS.close(fd);
        }
    }

    /**
     * @return {read end, write end}, both close-on-exec (atomically with pipe2 where the OS has it; with fcntl right
     *         after pipe on macOS), and non-blocking when asked
     */
    public static int[] pipe(boolean nonBlocking) throws ErrnoException {
        int[] fds = new int[2];
        if (CALLS.cloexecCalls()) {
            if (CALLS.pipe2(fds, O_CLOEXEC | (nonBlocking ? O_NONBLOCK : 0)) == -1) {
                throw Errno.last("pipe2(O_CLOEXEC" + (nonBlocking ? "|O_NONBLOCK)" : ")"));
            }
            return fds;
        }
        if (CALLS.pipe(fds) == -1) {
            throw Errno.last("pipe()");
        }
        return configure(fds, nonBlocking, "pipe");
    }

    /**
     * Creates an eventfd(2) counter (Linux only), close-on-exec, starting at zero.
     *
     * @return the eventfd
     * @throws ErrnoException EPERM or ENOSYS where a seccomp profile or an old kernel refuses eventfd
     */
    public static int eventfd(boolean nonBlocking) throws ErrnoException {
        if (Os.host() != Os.LINUX) {
            throw new UnsupportedOperationException("eventfd(2) exists only on Linux; use a pipe elsewhere");
        }
        int fd = CALLS.eventfd(0, O_CLOEXEC | (nonBlocking ? O_NONBLOCK : 0));
        if (fd == -1) {
            throw Errno.last("eventfd(0, EFD_CLOEXEC" + (nonBlocking ? "|EFD_NONBLOCK)" : ")"));
        }
        return fd;
    }

    /** @return two connected AF_UNIX stream sockets, close-on-exec (atomically where the OS can), non-blocking when asked */
    public static int[] socketpair(boolean nonBlocking) throws ErrnoException {
        int[] fds = new int[2];
        if (CALLS.cloexecCalls()) {
            int type = SOCK_STREAM | SOCK_CLOEXEC | (nonBlocking ? SOCK_NONBLOCK : 0);
            if (CALLS.socketpair(AF_UNIX, type, 0, fds) == -1) {
                throw Errno.last("socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC" + (nonBlocking ? "|SOCK_NONBLOCK)" : ")"));
            }
            return fds;
        }
        if (CALLS.socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == -1) {
            throw Errno.last("socketpair(AF_UNIX, SOCK_STREAM)");
        }
        return configure(fds, nonBlocking, "socketpair");
    }

    private static int[] configure(int[] fds, boolean nonBlocking, String what) throws ErrnoException {
        try {
            for (int fd : fds) {
                setCloseOnExec(fd, true);
                if (nonBlocking) {
                    setNonBlocking(fd, true);
                }
            }
            return fds;
        } catch (ErrnoException e) {
            closeQuietly(fds[0]);
            closeQuietly(fds[1]);
            throw e;
        }
    }

    /**
     * Accepts one connection on a listening socket, close-on-exec (atomically with accept4 where the OS has it).
     *
     * @return the connected fd, or {@link #WOULD_BLOCK} when none is pending on a non-blocking socket
     */
    public static int accept(int fd) throws ErrnoException {
        for (;;) {
            int client = CALLS.cloexecCalls() ? CALLS.accept4(fd, SOCK_CLOEXEC)
                    : CALLS.accept(fd);
            if (client >= 0) {
                if (!CALLS.cloexecCalls()) {
                    try {
                        setCloseOnExec(client, true);
                    } catch (ErrnoException e) {
                        closeQuietly(client);
                        throw e;
                    }
                }
                return client;
            }
            int errno = CALLS.errno();
            if (errno == Errno.EAGAIN) {
                return WOULD_BLOCK;
            }
            if (errno != Errno.EINTR && errno != Errno.ECONNABORTED) {
                throw Errno.exception((CALLS.cloexecCalls() ? "accept4" : "accept") + "(fd=" + fd + ")", errno);
            }
        }
    }

    public static int dup(int fd) throws ErrnoException {
        int copy = CALLS.dup(fd);
        if (copy == -1) {
            throw Errno.last("dup(fd=" + fd + ")");
        }
        return copy;
    }

    public static void dup2(int fd, int target) throws ErrnoException {
        for (;;) {
            if (CALLS.dup2(fd, target) != -1) {
                return;
            }
            int errno = CALLS.errno();
            if (errno != Errno.EINTR && errno != Errno.EBUSY) {
                throw Errno.exception("dup2(fd=" + fd + ", " + target + ")", errno);
            }
        }
    }

    public static int fcntl(int fd, int cmd, int arg, String name) throws ErrnoException {
        int result = cmd == F_GETFD || cmd == F_GETFL ? CALLS.fcntl(fd, cmd) : CALLS.fcntl(fd, cmd, arg);
        if (result == -1) {
            throw Errno.last("fcntl(fd=" + fd + ", " + name + ")");
        }
        return result;
    }

    public static void setNonBlocking(int fd, boolean on) throws ErrnoException {
        int flags = fcntl(fd, F_GETFL, 0, "F_GETFL");
        int wanted = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        if (wanted != flags) {
            fcntl(fd, F_SETFL, wanted, "F_SETFL");
        }
    }

    public static boolean isNonBlocking(int fd) throws ErrnoException {
        return (fcntl(fd, F_GETFL, 0, "F_GETFL") & O_NONBLOCK) != 0;
    }

    public static void setCloseOnExec(int fd, boolean on) throws ErrnoException {
        int flags = fcntl(fd, F_GETFD, 0, "F_GETFD");
        int wanted = on ? flags | FD_CLOEXEC : flags & ~FD_CLOEXEC;
        if (wanted != flags) {
            fcntl(fd, F_SETFD, wanted, "F_SETFD");
        }
    }

    public static boolean isCloseOnExec(int fd) throws ErrnoException {
        return (fcntl(fd, F_GETFD, 0, "F_GETFD") & FD_CLOEXEC) != 0;
    }

    /** @return whether {@code fd} is open in this process (fcntl F_GETFD does not fail with EBADF) */
    public static boolean isOpen(int fd) {
        return fd >= 0 && CALLS.fcntl(fd, F_GETFD) != -1;
    }

    /** Opens {@code path} with {@code flags} (and O_CLOEXEC), retrying on EINTR. */
    public static int open(String path, int flags) throws ErrnoException {
        for (;;) {
            int fd = CALLS.open(path, flags | O_CLOEXEC, 0);
            if (fd != -1) {
                return fd;
            }
            int errno = CALLS.errno();
            if (errno != Errno.EINTR) {
                throw Errno.exception("open(\"" + path + "\")", errno);
            }
        }
    }

    private static void checkRange(byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
    }
}
