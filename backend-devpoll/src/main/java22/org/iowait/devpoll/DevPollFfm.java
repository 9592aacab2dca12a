package org.iowait.devpoll;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import com.sun.jna.Platform;

import org.iowait.posix.Ffm;

/**
 * {@link DevPollCalls} through {@code java.lang.foreign}, in libc or the library {@code -Diowait.devpoll.library}
 * names. open and ioctl are variadic in C and are bound as such (ioctl's pointer is its one variadic argument).
 */
final class DevPollFfm implements DevPollCalls {
    private static final SymbolLookup LIBRARY = Platform.C_LIBRARY_NAME.equals(DevPollSyscalls.LIBRARY) ? Ffm.libc()
            : Ffm.library(DevPollSyscalls.LIBRARY);
    private static final MethodHandle OPEN = Ffm.downcall(LIBRARY, "open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle WRITE = Ffm.downcall(LIBRARY, "write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle IOCTL = Ffm.downcall(LIBRARY, "ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = Ffm.downcall(LIBRARY, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    @Override
    public int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) OPEN.invokeExact(Ffm.errnoState(), arena.allocateFrom(path), flags);
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
    public int ioctl(int fd, long request, long arg) {
        try {
            return (int) IOCTL.invokeExact(Ffm.errnoState(), fd, request, arg);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
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
}
