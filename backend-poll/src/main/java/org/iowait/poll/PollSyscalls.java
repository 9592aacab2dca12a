package org.iowait.poll;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * poll(2) and {@code struct pollfd}: the only native code of this backend.
 * {@code struct pollfd { int fd; short events; short revents; }} is 8 bytes on every POSIX ABI; {@code nfds_t} is
 * {@code unsigned long} on Linux and Solaris but {@code unsigned int} on macOS and the BSDs, so both are bound and
 * the right one is chosen once.
 */
final class PollSyscalls {
    static final short POLLIN = 0x1;
    static final short POLLPRI = 0x2;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    static final int POLLFD_SIZE = 8;
    static final int FD_OFFSET = 0;
    static final int EVENTS_OFFSET = 4;
    static final int REVENTS_OFFSET = 6;

    private static final boolean NFDS_IS_LONG = Platform.isLinux() || Platform.isSolaris() || Platform.isAIX();

    static {
        NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
        Native.register(NFDS_IS_LONG ? LongNfds.class : IntNfds.class, libc);
    }

    private PollSyscalls() {
    }

    /** @return what poll(2) returned; -1 with errno in {@link Native#getLastError()} */
    static int poll(long fds, int nfds, int timeoutMillis) {
        return NFDS_IS_LONG ? LongNfds.poll(fds, nfds, timeoutMillis) : IntNfds.poll(fds, nfds, timeoutMillis);
    }

    private static final class LongNfds {
        static native int poll(long fds, long nfds, int timeout);
    }

    private static final class IntNfds {
        static native int poll(long fds, int nfds, int timeout);
    }

    /** A native array of {@code struct pollfd} with a native-order view; grows by replacement. */
    static final class PollFdArray implements AutoCloseable {
        private Memory memory;
        private ByteBuffer view;
        private long address;
        private int capacity;

        PollFdArray(int capacity) {
            allocate(Math.max(capacity, 16));
        }

        private void allocate(int entries) {
            memory = new Memory((long) entries * POLLFD_SIZE);
            view = memory.getByteBuffer(0, memory.size()).order(ByteOrder.nativeOrder());
            address = Pointer.nativeValue(memory);
            capacity = entries;
        }

        /** Makes room for {@code entries}; the old contents are dropped (callers rebuild). */
        void ensureCapacity(int entries) {
            if (entries > capacity) {
                memory.close();
                allocate(Math.max(entries, capacity * 2));
            }
        }

        void set(int index, int fd, short events) {
            int base = index * POLLFD_SIZE;
            view.putInt(base + FD_OFFSET, fd);
            view.putShort(base + EVENTS_OFFSET, events);
            view.putShort(base + REVENTS_OFFSET, (short) 0);
        }

        int fd(int index) {
            return view.getInt(index * POLLFD_SIZE + FD_OFFSET);
        }

        short events(int index) {
            return view.getShort(index * POLLFD_SIZE + EVENTS_OFFSET);
        }

        short revents(int index) {
            return view.getShort(index * POLLFD_SIZE + REVENTS_OFFSET);
        }

        long address() {
            return address;
        }

        int capacity() {
            return capacity;
        }

        @Override
        public void close() {
            memory.close();
        }
    }
}
