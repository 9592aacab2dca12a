package org.iowait.kqueue;

import java.nio.ByteBuffer;

import com.sun.jna.Platform;

import org.iowait.posix.NativeBuffer;

/**
 * Which library holds kqueue(2) and kevent(2), {@code struct kevent} and {@code struct timespec}: the one layout
 * table both native layers use (the calls are in {@link KqueueCalls}). The library is libc on macOS and the BSDs, or to the library named by {@code -Diowait.kqueue.library} (with
 * {@code -Diowait.kqueue.abi} choosing the layout), such as the test emulator on Linux.
 */
final class KqueueSyscalls {
    static final String LIBRARY_PROPERTY = "iowait.kqueue.library";
    static final String ABI_PROPERTY = "iowait.kqueue.abi";

    static final KqueueAbi ABI;
    static final String LIBRARY;

    static {
        String library = System.getProperty(LIBRARY_PROPERTY);
        String abi = System.getProperty(ABI_PROPERTY);
        if (library != null && !library.isBlank()) {
            ABI = abi != null ? KqueueAbi.parse(abi) : hostAbi();
            LIBRARY = library;
        } else if (Platform.isMac() || Platform.isFreeBSD() || Platform.isOpenBSD()) {
            ABI = abi != null ? KqueueAbi.parse(abi) : hostAbi();
            LIBRARY = Platform.C_LIBRARY_NAME;
        } else {
            throw new UnsupportedOperationException("kqueue exists on macOS, FreeBSD and OpenBSD, not on "
                    + System.getProperty("os.name") + "; set -D" + LIBRARY_PROPERTY + "=PATH and -D" + ABI_PROPERTY
                    + "=macos|freebsd12|freebsd11|openbsd to use a compatible library such as the kqueue ABI emulator");
        }
        if (!Platform.is64Bit()) {
            throw new UnsupportedOperationException("the kqueue layouts are known for 64-bit processes only");
        }
    }

    /** The system calls, bound by the running native layer. */
    private static final KqueueCalls CALLS = KqueueCalls.CALLS;

    private KqueueSyscalls() {
    }

    private static KqueueAbi hostAbi() {
        if (Platform.isMac()) {
            return KqueueAbi.MACOS;
        }
        if (Platform.isFreeBSD()) {
            return KqueueAbi.FREEBSD12;
        }
        if (Platform.isOpenBSD()) {
            return KqueueAbi.OPENBSD;
        }
        throw new UnsupportedOperationException("-D" + LIBRARY_PROPERTY + " needs -D" + ABI_PROPERTY
                + "=macos|freebsd12|freebsd11|openbsd on " + System.getProperty("os.name"));
    }

    static int kqueue() {
        return CALLS.kqueue();
    }

    /**
     * libkqueue (a user-space kqueue for Linux) cannot see a kqueue fd being closed; its monitor thread frees the
     * queue's epoll fd, eventfds and pipe some time later. Its {@code libkqueue_drain_pending_close()} waits for that,
     * so close() releases everything before it returns, as a kernel kqueue does. A no-op where the library has no
     * such function (every real kqueue).
     */
    static void drainPendingClose() {
        CALLS.drainPendingClose();
    }

    /** @return what kevent(2) returned; -1 with errno in {@code Errno.lastErrno()} */
    static int kevent(int kq, long changelist, int nchanges, long eventlist, int nevents, long timeout) {
        return CALLS.kevent(kq, changelist, nchanges, eventlist, nevents, timeout);
    }

    /** A native array of {@code struct kevent} in {@link #ABI}'s layout, read and written in place. */
    static final class KEventArray implements AutoCloseable {
        private final NativeBuffer memory;
        private final ByteBuffer view;
        private final long address;
        private final int capacity;
        private final int size = ABI.size();

        KEventArray(int capacity) {
            this.capacity = capacity;
            this.memory = NativeBuffer.allocate((long) Math.max(capacity, 1) * size);
            this.view = memory.view();
            this.address = memory.address();
        }

        int capacity() {
            return capacity;
        }

        long address() {
            return address;
        }

        void set(int i, long ident, short filter, short flags, int fflags, long data, long udata) {
            int base = i * size;
            view.putLong(base + KqueueAbi.IDENT, ident);
            view.putShort(base + KqueueAbi.FILTER, filter);
            view.putShort(base + KqueueAbi.FLAGS, flags);
            view.putInt(base + KqueueAbi.FFLAGS, fflags);
            view.putLong(base + KqueueAbi.DATA, data);
            view.putLong(base + KqueueAbi.UDATA, udata);
            for (int ext = 32; ext < size; ext += 8) {
                view.putLong(base + ext, 0);
            }
        }

        void set(int i, KEvent e) {
            set(i, e.ident(), e.filter(), e.flags(), e.fflags(), e.data(), e.udata());
        }

        long ident(int i) {
            return view.getLong(i * size + KqueueAbi.IDENT);
        }

        short filter(int i) {
            return view.getShort(i * size + KqueueAbi.FILTER);
        }

        short flags(int i) {
            return view.getShort(i * size + KqueueAbi.FLAGS);
        }

        int fflags(int i) {
            return view.getInt(i * size + KqueueAbi.FFLAGS);
        }

        long data(int i) {
            return view.getLong(i * size + KqueueAbi.DATA);
        }

        long udata(int i) {
            return view.getLong(i * size + KqueueAbi.UDATA);
        }

        KEvent get(int i) {
            return new KEvent(ident(i), filter(i), flags(i), fflags(i), data(i), udata(i));
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    /** A {@code struct timespec {time_t tv_sec; long tv_nsec;}} (16 bytes on LP64). */
    static final class Timespec implements AutoCloseable {
        private final NativeBuffer memory = NativeBuffer.allocate(16);
        private final ByteBuffer view = memory.view();
        private final long address = memory.address();

        /** @return its address for {@code timeoutNanos}, or 0 (NULL: block) when negative */
        long address(long timeoutNanos) {
            if (timeoutNanos < 0) {
                return 0;
            }
            view.putLong(0, timeoutNanos / 1_000_000_000L);
            view.putLong(8, timeoutNanos % 1_000_000_000L);
            return address;
        }

        @Override
        public void close() {
            memory.close();
        }
    }
}
