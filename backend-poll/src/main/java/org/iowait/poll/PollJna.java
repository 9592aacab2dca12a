package org.iowait.poll;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/** {@link PollCalls} by JNA direct mapping, with {@code nfds_t} bound at the width this OS uses. */
final class PollJna implements PollCalls {
    private static final boolean NFDS_IS_LONG = PollSyscalls.NFDS_IS_LONG;

    static {
        Native.register(NFDS_IS_LONG ? LongNfds.class : IntNfds.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    @Override
    public int poll(long fds, int nfds, int timeout) {
        return NFDS_IS_LONG ? LongNfds.poll(fds, nfds, timeout) : IntNfds.poll(fds, nfds, timeout);
    }

    private static final class LongNfds {
        static native int poll(long fds, long nfds, int timeout);
    }

    private static final class IntNfds {
        static native int poll(long fds, int nfds, int timeout);
    }
}
