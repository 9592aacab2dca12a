package org.iowait.poll;

import java.lang.invoke.MethodHandles;

import org.iowait.posix.NativeLayer;

/**
 * poll(2), bound once by the running {@link NativeLayer}: {@link PollJna} or {@code PollFfm} (JDK 22+). Both pass
 * {@code nfds_t} at its width ({@link PollSyscalls#NFDS_IS_LONG}). Raw result; after -1 read {@code Errno.lastErrno()}.
 */
interface PollCalls {
    PollCalls CALLS = NativeLayer.bind(MethodHandles.lookup(), PollCalls.class, "org.iowait.poll.PollFfm", PollJna::new);

    int poll(long fds, int nfds, int timeout);
}
