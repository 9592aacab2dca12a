package org.iowait.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@link NativeBuffer} in a shared {@link Arena}: freed at {@link #close()}, after which the view throws instead of
 * touching freed memory.
 */
final class FfmBuffer implements NativeBuffer {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment segment;
    private final ByteBuffer view;
    private boolean closed;

    FfmBuffer(long bytes) {
        segment = arena.allocate(bytes, 16); // zeroed
        view = segment.asByteBuffer().order(ByteOrder.nativeOrder());
    }

    @Override
    public long address() {
        return segment.address();
    }

    @Override
    public ByteBuffer view() {
        return view;
    }

    @Override
    public long size() {
        return segment.byteSize();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }
}
