package org.iowait.epoll;

import java.lang.invoke.MethodHandles;

import org.iowait.posix.NativeLayer;

/**
 * epoll's three system calls, bound once by the running {@link NativeLayer}: {@link EpollJna} or
 * {@code EpollFfm} (JDK 22+). Raw results; after -1 read {@code Errno.lastErrno()} at once.
 */
interface EpollCalls {
    EpollCalls CALLS = NativeLayer.bind(MethodHandles.lookup(), EpollCalls.class, "org.iowait.epoll.EpollFfm",
            EpollJna::new);

    int epollCreate1(int flags);

    int epollCtl(int epfd, int op, int fd, long event);

    int epollWait(int epfd, long events, int maxevents, int timeout);
}
