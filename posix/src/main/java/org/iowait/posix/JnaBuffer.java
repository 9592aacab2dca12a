package org.iowait.posix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/** A {@link NativeBuffer} in JNA {@link Memory}. */
final class JnaBuffer implements NativeBuffer {
    private final Memory memory;
    private final ByteBuffer view;
    private final long address;

    JnaBuffer(long bytes) {
        memory = new Memory(bytes);
        memory.clear();
        view = memory.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder());
        address = Pointer.nativeValue(memory);
    }

    @Override
    public long address() {
        return address;
    }

    @Override
    public ByteBuffer view() {
        return view;
    }

    @Override
    public long size() {
        return memory.size();
    }

    @Override
    public void close() {
        memory.close();
    }
}
