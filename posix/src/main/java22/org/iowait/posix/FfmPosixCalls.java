package org.iowait.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@link PosixCalls} through {@code java.lang.foreign}: static final downcall handles capturing errno. The calls that
 * take Java arrays copy through a confined arena (the kernel must never see the heap).
 */
final class FfmPosixCalls implements PosixCalls {
    private static final boolean LINUX = Os.host() == Os.LINUX;
    /** pipe2 and accept4: everywhere but macOS (and a libc too old to have them), as {@code CloexecLibC} decides. */
    private static final boolean CLOEXEC_CALLS = Os.host() != Os.MACOS && Os.host() != Os.OTHER
            && Ffm.libc().find("pipe2").isPresent() && Ffm.libc().find("accept4").isPresent();

    private static final MethodHandle READ = Ffm.libc("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle WRITE = Ffm.libc("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle CLOSE = Ffm.libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PIPE = Ffm.libc("pipe", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    private static final MethodHandle PIPE2 =
            CLOEXEC_CALLS ? Ffm.libc("pipe2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT)) : null;
    private static final MethodHandle ACCEPT4 = CLOEXEC_CALLS
            ? Ffm.libc("accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT)) : null;
    /** poll(2) with {@code nfds_t} at the host's width (FFM runs on 64-bit JVMs only, so pointers are 64 bits). */
    private static final boolean NFDS_IS_LONG = NativeLayout.host().nfdsSize() == 8;
    private static final MethodHandle POLL = Ffm.libc("poll",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, NFDS_IS_LONG ? JAVA_LONG : JAVA_INT, JAVA_INT));
    private static final MethodHandle EVENTFD = LINUX ? Ffm.libc("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT)) : null;
    private static final MethodHandle DUP = Ffm.libc("dup", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle DUP2 = Ffm.libc("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SOCKETPAIR =
            Ffm.libc("socketpair", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle ACCEPT = Ffm.libc("accept", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    /** fcntl(fd, cmd): no variadic argument passed. */
    private static final MethodHandle FCNTL = Ffm.libc("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** fcntl(fd, cmd, int): the third argument is variadic, which matters on Apple arm64 (varargs on the stack). */
    private static final MethodHandle FCNTL_INT = Ffm.downcall(Ffm.libc(), "fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle OPEN = Ffm.downcall(Ffm.libc(), "open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle STRERROR = Ffm.libc("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    @Override
    public int errno() {
        return Ffm.errno();
    }

    @Override
    public NativeBuffer allocate(long bytes) {
        return new FfmBuffer(bytes);
    }

    @Override
    public long read(int fd, long buf, long count) {
        try {
            return (long) READ.invokeExact(Ffm.errnoState(), fd, buf, count);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public long write(int fd, long buf, long count) {
        try {
            return (long) WRITE.invokeExact(Ffm.errnoState(), fd, buf, count);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public long write(int fd, byte[] buf, int count) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment native_ = arena.allocate(Math.max(count, 1));
            MemorySegment.copy(buf, 0, native_, JAVA_BYTE, 0, count);
            return write(fd, native_.address(), count);
        }
    }

    @Override
    public int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(Ffm.errnoState(), fd);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int pipe(int[] fds) {
        return withPair(fds, PIPE, 0, false);
    }

    @Override
    public boolean cloexecCalls() {
        return CLOEXEC_CALLS;
    }

    @Override
    public int pipe2(int[] fds, int flags) {
        if (PIPE2 == null) {
            throw new UnsupportedOperationException("pipe2 does not exist here");
        }
        return withPair(fds, PIPE2, flags, true);
    }

    /** pipe or pipe2 into a native int[2], copied back to {@code fds} on success. */
    private static int withPair(int[] fds, MethodHandle call, int flags, boolean withFlags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pair = arena.allocate(JAVA_INT, 2);
            int r = withFlags ? (int) call.invokeExact(Ffm.errnoState(), pair.address(), flags)
                    : (int) call.invokeExact(Ffm.errnoState(), pair.address());
            copyPair(r, pair, fds);
            return r;
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    private static void copyPair(int result, MemorySegment pair, int[] fds) {
        if (result == 0) {
            fds[0] = pair.getAtIndex(JAVA_INT, 0);
            fds[1] = pair.getAtIndex(JAVA_INT, 1);
        }
    }

    @Override
    public int eventfd(int initval, int flags) {
        if (EVENTFD == null) {
            throw new UnsupportedOperationException("eventfd is Linux-only");
        }
        try {
            return (int) EVENTFD.invokeExact(Ffm.errnoState(), initval, flags);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int dup(int fd) {
        try {
            return (int) DUP.invokeExact(Ffm.errnoState(), fd);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int dup2(int fd, int fd2) {
        try {
            return (int) DUP2.invokeExact(Ffm.errnoState(), fd, fd2);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int socketpair(int domain, int type, int protocol, int[] sv) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pair = arena.allocate(JAVA_INT, 2);
            int r = (int) SOCKETPAIR.invokeExact(Ffm.errnoState(), domain, type, protocol, pair.address());
            copyPair(r, pair, sv);
            return r;
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int accept(int fd) {
        try {
            return (int) ACCEPT.invokeExact(Ffm.errnoState(), fd, 0L, 0L);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int accept4(int fd, int flags) {
        if (ACCEPT4 == null) {
            throw new UnsupportedOperationException("accept4 does not exist here");
        }
        try {
            return (int) ACCEPT4.invokeExact(Ffm.errnoState(), fd, 0L, 0L, flags);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int poll(long fds, int nfds, int timeout) {
        try {
            return NFDS_IS_LONG ? (int) POLL.invokeExact(Ffm.errnoState(), fds, (long) nfds, timeout)
                    : (int) POLL.invokeExact(Ffm.errnoState(), fds, nfds, timeout);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int fcntl(int fd, int cmd) {
        try {
            return (int) FCNTL.invokeExact(Ffm.errnoState(), fd, cmd);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int fcntl(int fd, int cmd, int arg) {
        try {
            return (int) FCNTL_INT.invokeExact(Ffm.errnoState(), fd, cmd, arg);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int open(String path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) OPEN.invokeExact(Ffm.errnoState(), arena.allocateFrom(path), flags, mode);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public String strerror(int errnum) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(Ffm.errnoState(), errnum);
            return text.equals(MemorySegment.NULL) ? null : text.reinterpret(Integer.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }
}
