package org.iowait.select;

import java.nio.ByteBuffer;

import com.sun.jna.Platform;

import org.iowait.posix.NativeBuffer;

/**
 * {@code fd_set} and {@code struct timeval}, the one layout table both native layers use; select(2) itself is bound
 * by the running layer ({@link SelectCalls}).
 *
 * <p>glibc's {@code fd_set} is an array of {@code long} words (macOS and the BSDs use 32-bit words): fd {@code n} is
 * bit {@code n % W} of word {@code n / W}. Words are read and written whole in native byte order, so the bit lands
 * in the right byte on big-endian machines too. {@code struct timeval} is {@code {long tv_sec; long tv_usec}} on
 * LP64 Linux; macOS has a 32-bit {@code tv_usec} at the same offset.
 */
final class SelectSyscalls {
    static final int FD_SETSIZE = 1024;
    static final int WORD_BITS = Platform.isLinux() && Platform.is64Bit() ? 64 : 32; // C long on Linux
    static final int WORDS = FD_SETSIZE / WORD_BITS;
    static final int SET_BYTES = FD_SETSIZE / 8;
    private static final int TIMEVAL_BYTES = 16;

    private static final SelectCalls CALLS = SelectCalls.CALLS;

    private SelectSyscalls() {
    }

    /** @return what select(2) returned; -1 with errno in {@code Errno.lastErrno()} */
    static int select(int nfds, long readfds, long writefds, long exceptfds, long timeout) {
        return CALLS.select(nfds, readfds, writefds, exceptfds, timeout);
    }

    /** Three native fd_sets and a timeval in one block, with a native-order view. */
    static final class Sets implements AutoCloseable {
        static final int READ_SET = 0;
        static final int WRITE_SET = 1;
        static final int EXCEPT_SET = 2;

        private final NativeBuffer memory = NativeBuffer.allocate(3L * SET_BYTES + TIMEVAL_BYTES);
        private final ByteBuffer view = memory.view();
        private final long address = memory.address();

        long set(int which) {
            return address + (long) which * SET_BYTES;
        }

        /** @return the timeval's address, or 0 (NULL: block) for a negative timeout */
        long timeval(long timeoutNanos) {
            if (timeoutNanos < 0) {
                return 0;
            }
            long micros = (timeoutNanos + 999) / 1000; // round up: never wake before the deadline
            int base = 3 * SET_BYTES;
            view.putLong(base, micros / 1_000_000);
            if (Platform.isLinux()) {
                view.putLong(base + 8, micros % 1_000_000);
            } else {
                view.putInt(base + 8, (int) (micros % 1_000_000));
            }
            return address + base;
        }

        void clear(int which) {
            for (int w = 0; w < WORDS; w++) {
                putWord(which, w, 0);
            }
        }

        long word(int which, int index) {
            int offset = which * SET_BYTES + index * (WORD_BITS / 8);
            return WORD_BITS == 64 ? view.getLong(offset) : view.getInt(offset) & 0xFFFF_FFFFL;
        }

        void putWord(int which, int index, long value) {
            int offset = which * SET_BYTES + index * (WORD_BITS / 8);
            if (WORD_BITS == 64) {
                view.putLong(offset, value);
            } else {
                view.putInt(offset, (int) value);
            }
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    static void checkFd(int fd) {
        if (fd < 0 || fd >= FD_SETSIZE) {
            throw new IllegalArgumentException("fd " + fd + " is outside select(2)'s range 0.." + (FD_SETSIZE - 1)
                    + " (FD_SETSIZE): use the poll or epoll backend for it");
        }
    }
}
