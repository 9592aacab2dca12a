package org.iowait.posix;

import java.nio.ByteBuffer;

/**
 * A block of zeroed native memory for structs the kernel reads or writes (event arrays, fd sets, timevals), allocated
 * once and read through a native-order {@link ByteBuffer} view: no per-event object, the same code on both native
 * layers. JNA's {@code Memory} backs it on JNA, a shared {@code Arena} on FFM.
 *
 * <pre>{@code
 * try (NativeBuffer events = NativeBuffer.allocate(64 * 12)) {
 *     int n = epoll_wait(epfd, events.address(), 64, -1);
 *     int first = events.view().getInt(0);
 * }
 * }</pre>
 */
public interface NativeBuffer extends AutoCloseable {
    /** @return {@code bytes} (at least 1) of zeroed native memory, aligned for any struct */
    static NativeBuffer allocate(long bytes) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a native buffer holds 0.." + Integer.MAX_VALUE + " bytes, not " + bytes);
        }
        return PosixCalls.CALLS.allocate(Math.max(bytes, 1));
    }

    /** @return the first byte's address, to pass to a system call */
    long address();

    /** @return a native-order view of the whole block (the same object on every call) */
    ByteBuffer view();

    /** @return the size in bytes */
    long size();

    /** Frees the memory; idempotent. The address must not reach the kernel afterwards. */
    @Override
    void close();
}
