package org.iowait.posix;

import com.sun.jna.Native;

/**
 * The C data model of the process: the widths of {@code long}, pointers and {@code size_t}. JNA direct mapping passes
 * a Java {@code long} as a 64-bit integer whatever the C type is, so on ILP32 every pointer and {@code size_t}
 * argument must be bound as {@code int}: the bindings keep one direct-mapped class per model and pick one at class
 * load through {@link #ILP32_HOST}, a constant the JIT folds away.
 *
 * <pre>{@code
 * long n = DataModel.ILP32_HOST ? Ilp32.read(fd, (int) buf, (int) count) : Lp64.read(fd, buf, count);
 * }</pre>
 */
public enum DataModel {
    /** 32-bit {@code int}, {@code long} and pointers: i386, armhf, ppc, mips o32. */
    ILP32(4),
    /** 64-bit {@code long} and pointers: every 64-bit Unix. */
    LP64(8);

    /**
     * sizeof(void *) and sizeof(long): as JNA measures them on the JNA layer; 8 and 8 on the FFM layer, which
     * {@link NativeLayer} runs on 64-bit JVMs only, all of them LP64 Unix (asking JNA would load its native library).
     */
    private static final int POINTER_SIZE = NativeLayer.isFfm() ? 8 : Native.POINTER_SIZE;
    private static final int LONG_SIZE = NativeLayer.isFfm() ? 8 : Native.LONG_SIZE;

    /** Whether this process is ILP32; fixed for the life of the JVM. */
    public static final boolean ILP32_HOST = POINTER_SIZE == 4;

    private final int size;

    DataModel(int size) {
        this.size = size;
    }

    /** @return sizeof(long), which is also sizeof(void *) and sizeof(size_t) in both models */
    public int longSize() {
        return size;
    }

    /** @return the host's model, as the native layer measured it */
    public static DataModel host() {
        if (POINTER_SIZE != LONG_SIZE) {
            throw new UnsupportedOperationException("data model with " + LONG_SIZE + "-byte long and "
                    + POINTER_SIZE + "-byte pointers (LLP64?) is not supported: only ILP32 and LP64 are");
        }
        return ILP32_HOST ? ILP32 : LP64;
    }
}
