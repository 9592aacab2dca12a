package org.iowait.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * What every {@code java.lang.foreign} binding of iowait shares (JDK 22+ only; internal to the backends): the linker,
 * symbol lookup in libc or a named library, downcall handles that capture errno, and the per-thread errno state.
 *
 * <p>Addresses travel as {@code long} ({@code JAVA_LONG}), which every 64-bit ABI passes exactly like a pointer:
 * the buffers are {@link NativeBuffer}s whose address is known, and no {@code MemorySegment} is made per call.
 * {@link NativeLayer} runs this layer on 64-bit JVMs only.
 *
 * <pre>{@code
 * static final MethodHandle CLOSE = Ffm.libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
 * int r = (int) CLOSE.invokeExact(Ffm.errnoState(), fd);
 * if (r == -1) throw Errno.exception("close", Ffm.errno());
 * }</pre>
 */
public final class Ffm {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    /** One capture buffer per thread, so that errno is read on the thread whose call set it. */
    private static final ThreadLocal<ErrnoState> ERRNO_STATE = ThreadLocal.withInitial(ErrnoState::new);

    /**
     * A thread's capture buffer. The memory belongs to an automatic arena, freed once the thread (and so this holder)
     * is gone; downcalls get a view of it in the global scope. A segment argument makes every downcall acquire and
     * release its scope, which for an automatic arena is two atomic updates of a shared counter per call; the global
     * scope has none. Only its own thread uses the view, and while that thread lives its thread-local map keeps the
     * holder, and so the memory, reachable.
     */
    private static final class ErrnoState {
        private final MemorySegment owner = Arena.ofAuto().allocate(STATE);
        private final MemorySegment view = MemorySegment.ofAddress(owner.address()).reinterpret(owner.byteSize());
    }

    private Ffm() {
    }

    /** @return the C library's symbols */
    public static SymbolLookup libc() {
        return LINKER.defaultLookup();
    }

    /** @return the symbols of the shared library at {@code path} (an emulator), loaded for the JVM's lifetime */
    public static SymbolLookup library(String path) {
        return SymbolLookup.libraryLookup(Path.of(path), Arena.global());
    }

    /** @return a downcall handle for libc's {@code name}; its first argument is {@link #errnoState()} */
    public static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        return downcall(libc(), name, descriptor);
    }

    /**
     * @return a downcall handle for libc's {@code name} with no errno state argument, bound as a critical function (no
     *         switch of the thread's state to native and back): only for calls that return at once whatever the
     *         kernel holds and change nothing when they fail, such as a wait with a zero timeout. Such a call cannot
     *         block, so it cannot hold up a safepoint for long, and it never calls back into Java. errno is not
     *         captured (its capture is most of a downcall's own cost): after -1, make the call again through the
     *         {@link #libc(String, FunctionDescriptor) capturing handle} to learn it.
     */
    public static MethodHandle libcNonBlocking(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(libc(), name), descriptor, Linker.Option.critical(false));
    }

    /**
     * @return a downcall handle for {@code name} in {@code lookup} whose first argument is {@link #errnoState()};
     *         {@code options} adds e.g. {@code Linker.Option.firstVariadicArg}
     * @throws UnsatisfiedLinkError when the symbol is missing, as JNA throws
     */
    public static MethodHandle downcall(SymbolLookup lookup, String name, FunctionDescriptor descriptor,
            Linker.Option... options) {
        MemorySegment symbol = symbol(lookup, name);
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = CAPTURE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.downcallHandle(symbol, descriptor, all);
    }

    /** @throws UnsatisfiedLinkError when {@code lookup} has no {@code name}, as JNA throws */
    private static MemorySegment symbol(SymbolLookup lookup, String name) {
        return lookup.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("no native function '" + name + "' to bind"));
    }

    /** @return this thread's errno capture buffer: pass it as the first argument of every downcall */
    public static MemorySegment errnoState() {
        return ERRNO_STATE.get().view;
    }

    /** @return the errno this thread's last downcall captured */
    public static int errno() {
        return (int) ERRNO.get(ERRNO_STATE.get().view, 0L);
    }

    /**
     * @return {@code t} unchecked, for the {@code catch (Throwable)} that {@code invokeExact} forces: a downcall
     *         throws no checked exception, so anything else is a bug worth seeing as is
     */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("unexpected exception from a native call", t);
    }
}
