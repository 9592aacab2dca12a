package org.iowait.posix;

import java.nio.ByteBuffer;

/**
 * Where {@code struct timeval}'s fields sit and how wide they are on one OS and data model, and the largest
 * {@code tv_sec} its kernel accepts in select(2). Writing only the bytes of the real fields (and zeroing the
 * padding) is what matters: a 4-byte store into an 8-byte {@code tv_usec} leaves garbage that the kernel refuses.
 *
 * <pre>{@code
 * TimevalLayout tv = NativeLayout.host().timeval();
 * tv.write(view, offset, micros);     // view: a native-order ByteBuffer of at least tv.size() bytes from offset
 * }</pre>
 *
 * @param size       sizeof(struct timeval)
 * @param secSize    sizeof(tv_sec) (4 or 8), at offset 0
 * @param usecOffset offsetof(tv_usec)
 * @param usecSize   sizeof(tv_usec) (4 or 8)
 * @param maxSeconds the largest tv_sec written; larger timeouts are clamped to it
 */
public record TimevalLayout(int size, int secSize, int usecOffset, int usecSize, long maxSeconds) {
    /** macOS's select(2) fails with EINVAL when tv_sec exceeds 10^8 (about 3 years). */
    public static final long MACOS_MAX_SECONDS = 100_000_000L;

    public TimevalLayout {
        if ((secSize != 4 && secSize != 8) || (usecSize != 4 && usecSize != 8) || usecOffset < secSize
                || usecOffset + usecSize > size || maxSeconds <= 0) {
            throw new IllegalArgumentException("inconsistent struct timeval layout: size " + size + ", tv_sec "
                    + secSize + " bytes, tv_usec " + usecSize + " bytes at " + usecOffset + ", max " + maxSeconds);
        }
    }

    /** The layout of {@code os} in data model {@code model}; UnsupportedOperationException where it is not known. */
    public static TimevalLayout of(Os os, DataModel model) {
        boolean lp64 = model == DataModel.LP64;
        return switch (os) {
            // {long tv_sec; long tv_usec;}: glibc's 32-bit select() keeps the 32-bit time_t ABI (time64 is __select64)
            case LINUX, DRAGONFLY -> lp64 ? new TimevalLayout(16, 8, 8, 8, Long.MAX_VALUE / 1_000_000)
                    : new TimevalLayout(8, 4, 4, 4, Integer.MAX_VALUE);
            // {time_t tv_sec; suseconds_t tv_usec;} with a 64-bit time_t and a long suseconds_t
            case FREEBSD, OPENBSD, SOLARIS -> lp64 ? new TimevalLayout(16, 8, 8, 8, Long.MAX_VALUE / 1_000_000)
                    : unknown(os, model);
            // {__darwin_time_t tv_sec; __int32_t tv_usec;} padded to 16; NetBSD: {time_t; int}
            case MACOS -> lp64 ? new TimevalLayout(16, 8, 8, 4, MACOS_MAX_SECONDS) : unknown(os, model);
            case NETBSD -> lp64 ? new TimevalLayout(16, 8, 8, 4, Long.MAX_VALUE / 1_000_000) : unknown(os, model);
            case OTHER -> unknown(os, model);
        };
    }

    private static TimevalLayout unknown(Os os, DataModel model) {
        throw new UnsupportedOperationException("no struct timeval layout known for " + os + " " + model);
    }

    /**
     * Writes a timeout of {@code micros} (not negative) at {@code offset} of {@code view} (native order), clamping
     * the seconds to {@link #maxSeconds()}, and zeroes the padding.
     */
    public void write(ByteBuffer view, int offset, long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("negative timeout: " + micros + " us");
        }
        long seconds = micros / 1_000_000;
        long usec = micros % 1_000_000;
        if (seconds > maxSeconds) {
            seconds = maxSeconds;
            usec = 0;
        }
        for (int i = 0; i < size; i++) {
            view.put(offset + i, (byte) 0);
        }
        put(view, offset, secSize, seconds);
        put(view, offset + usecOffset, usecSize, usec);
    }

    private static void put(ByteBuffer view, int offset, int width, long value) {
        if (width == 8) {
            view.putLong(offset, value);
        } else {
            view.putInt(offset, (int) value);
        }
    }
}
