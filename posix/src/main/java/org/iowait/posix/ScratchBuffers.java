package org.iowait.posix;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Native staging memory for {@link Posix#read} and {@link Posix#write} of Java arrays, so a call copies only the bytes
 * that moved. Handing the array itself to the kernel costs far more: JNA's direct mapping pins an array by copying all
 * of it in and back out ({@code GetByteArrayElements}), and FFM cannot pass a heap array to a call that may block. A
 * 64-byte message read into a 64 KiB array cost two 64 KiB copies and a 64 KiB malloc that way.
 *
 * <p>A call borrows a buffer and gives it back before it returns. A few are kept for the next call; a thread that finds
 * none free allocates one and frees it after, so the memory kept stays bounded however many threads (virtual ones
 * included) read at once. No allocation on the Java heap while one is free.
 */
final class ScratchBuffers {
    /** The most one call stages: a read asks for at most this, a longer write takes the array path. */
    static final int SIZE = 64 * 1024;

    private static final AtomicReferenceArray<NativeBuffer> FREE =
            new AtomicReferenceArray<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    private ScratchBuffers() {
    }

    static NativeBuffer take() {
        for (int i = 0; i < FREE.length(); i++) {
            NativeBuffer free = FREE.getPlain(i) == null ? null : FREE.getAndSet(i, null);
            if (free != null) {
                return free;
            }
        }
        return NativeBuffer.allocate(SIZE);
    }

    static void give(NativeBuffer buffer) {
        for (int i = 0; i < FREE.length(); i++) {
            if (FREE.getPlain(i) == null && FREE.compareAndSet(i, null, buffer)) {
                return;
            }
        }
        buffer.close();
    }
}
