package org.iowait.select;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.iowait.posix.NativeBuffer;
import org.iowait.posix.NativeLayout;
import org.iowait.posix.TimevalLayout;

/**
 * {@code fd_set} and {@code struct timeval}, the layout table both native layers use (sizes from
 * {@link NativeLayout}); select(2) itself is bound by the running layer ({@link SelectCalls}).
 *
 * <p>An {@code fd_set} is an array of words ({@code long} in glibc, FreeBSD and Solaris; 32 bits on macOS, OpenBSD
 * and NetBSD): fd {@code n} is bit {@code n % W} of word {@code n / W}. Words are read and written whole in native
 * byte order, so the bit lands in the right byte on big-endian machines too. On a little-endian machine 32- and
 * 64-bit words put every bit in the same place, so {@code -Diowait.select.wordBits=32} can run the 32-bit word code
 * of macOS and the BSDs on Linux x86_64 (the tests do); on a big-endian machine only the native width is accepted.
 */
final class SelectSyscalls {
    static final String WORD_BITS_PROPERTY = "iowait.select.wordBits";
    static final int FD_SETSIZE = 1024;
    static final NativeLayout LAYOUT = NativeLayout.host();
    static final int WORD_BITS = wordBits(LAYOUT, System.getProperty(WORD_BITS_PROPERTY));
    static final int WORDS = FD_SETSIZE / WORD_BITS;
    static final int SET_BYTES = FD_SETSIZE / 8;
    static final TimevalLayout TIMEVAL = LAYOUT.timeval();
    private static final SelectCalls CALLS = SelectCalls.CALLS;

    private SelectSyscalls() {
    }

    /** @return what select(2) returned; -1 with errno in {@code Errno.lastErrno()} */
    static int select(int nfds, long readfds, long writefds, long exceptfds, long timeout) {
        return CALLS.select(nfds, readfds, writefds, exceptfds, timeout);
    }

    /** The fd_set word width: the layout's, or the one {@code forced} names where that keeps every bit in place. */
    static int wordBits(NativeLayout layout, String forced) {
        int nativeBits = layout.fdSetWordBits();
        if (forced == null || forced.isBlank()) {
            return nativeBits;
        }
        int bits;
        try {
            bits = Integer.parseInt(forced.trim());
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits != 32 && bits != 64) {
            throw new IllegalArgumentException("-D" + WORD_BITS_PROPERTY + "=" + forced + ": expected 32 or 64");
        }
        if (bits != nativeBits && layout.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("-D" + WORD_BITS_PROPERTY + "=" + bits + " on big-endian "
                    + layout + " would put fds in other bits than the kernel's " + nativeBits + "-bit words");
        }
        return bits;
    }

    /**
     * @return select's {@code nfds}: one more than the highest fd set in {@code read} or {@code write}, whose words
     *         are {@code wordBits} wide and kept in the low bits of each {@code long}; 0 when none is set
     */
    static int nfds(long[] read, long[] write, int wordBits) {
        for (int w = read.length - 1; w >= 0; w--) {
            long any = read[w] | write[w];
            if (any != 0) {
                return w * wordBits + (Long.SIZE - Long.numberOfLeadingZeros(any));
            }
        }
        return 0;
    }

    /** Three native fd_sets and a timeval in one block, with a native-order view. */
    static final class Sets implements AutoCloseable {
        static final int READ_SET = 0;
        static final int WRITE_SET = 1;
        static final int EXCEPT_SET = 2;

        private final NativeBuffer memory = NativeBuffer.allocate(3L * SET_BYTES + TIMEVAL.size());
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
            int base = 3 * SET_BYTES;
            TIMEVAL.write(view, base, (timeoutNanos + 999) / 1000); // round up: never wake before the deadline
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
