package org.iowait.fds;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import org.iowait.posix.Posix;

/**
 * timerfd(2) on Linux and the {@code struct itimerspec} layout (LP64: two {@code struct timespec} of an 8-byte
 * {@code time_t} and an 8-byte {@code long}). Loaded only on Linux.
 */
final class TimerSyscalls {
    static final int CLOCK_MONOTONIC = 1;
    static final int TFD_NONBLOCK = Posix.O_NONBLOCK;
    static final int TFD_CLOEXEC = Posix.O_CLOEXEC;

    /** struct itimerspec { struct timespec it_interval; struct timespec it_value; } */
    static final int ITIMERSPEC_SIZE = 32;
    static final int INTERVAL_SEC = 0;
    static final int INTERVAL_NSEC = 8;
    static final int VALUE_SEC = 16;
    static final int VALUE_NSEC = 24;
    /** A read returns the expirations as one unsigned 8-byte count. */
    static final int EXPIRATIONS_SIZE = 8;

    static {
        if (Native.LONG_SIZE != 8) {
            throw new UnsupportedOperationException("the itimerspec layout here is LP64 only");
        }
        Native.register(TimerSyscalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private TimerSyscalls() {
    }

    static native int timerfd_create(int clockid, int flags);

    static native int timerfd_settime(int fd, int flags, long newValue, long oldValue);
}
