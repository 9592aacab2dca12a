package org.iowait.posix;

import java.nio.ByteBuffer;

/**
 * A native array of {@code struct pollfd { int fd; short events; short revents; }} (8 bytes on every POSIX ABI), read
 * and written through a native-order view: poll(2) and Solaris {@code /dev/poll} both take it.
 *
 * <pre>{@code
 * try (PollFdArray fds = new PollFdArray(16)) {
 *     fds.set(0, fd, (short) 1);   // POLLIN
 *     // poll(fds.address(), 1, timeout); then fds.revents(0)
 * }
 * }</pre>
 */
public final class PollFdArray implements AutoCloseable {
    /** sizeof(struct pollfd). */
    public static final int SIZE = 8;

    private NativeBuffer memory;
    private ByteBuffer view;
    private long address;
    private int capacity;

    public PollFdArray(int capacity) {
        allocate(Math.max(capacity, 1));
    }

    private void allocate(int entries) {
        memory = NativeBuffer.allocate((long) entries * SIZE);
        view = memory.view();
        address = memory.address();
        capacity = entries;
    }

    /** Makes room for {@code entries}, at least doubling; the old contents are dropped (callers rebuild). */
    public void ensureCapacity(int entries) {
        if (entries > capacity) {
            memory.close();
            allocate(Math.max(entries, capacity * 2));
        }
    }

    public void set(int index, int fd, short events) {
        int base = index * SIZE;
        view.putInt(base, fd);
        view.putShort(base + 4, events);
        view.putShort(base + 6, (short) 0);
    }

    public int fd(int index) {
        return view.getInt(index * SIZE);
    }

    public short events(int index) {
        return view.getShort(index * SIZE + 4);
    }

    public short revents(int index) {
        return view.getShort(index * SIZE + 6);
    }

    public long address() {
        return address;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        memory.close();
    }
}
