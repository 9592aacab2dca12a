package org.iowait.devpoll;

import java.lang.invoke.MethodHandles;

import org.iowait.posix.NativeLayer;

/**
 * open/write/ioctl/close in {@link DevPollSyscalls#LIBRARY} (libc, or the emulator), bound once by the running
 * {@link NativeLayer}: {@link DevPollJna} or {@code DevPollFfm} (JDK 22+). Raw results; after -1 read
 * {@code Errno.lastErrno()} at once.
 */
interface DevPollCalls {
    DevPollCalls CALLS = NativeLayer.bind(MethodHandles.lookup(), DevPollCalls.class, "org.iowait.devpoll.DevPollFfm",
            DevPollJna::new);

    int open(String path, int flags);

    long write(int fd, long buf, long count);

    int ioctl(int fd, long request, long arg);

    int close(int fd);
}
