package org.iowait.epoll;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/** {@link EpollCalls} by JNA direct mapping (primitive arguments, addresses as {@code long}). */
final class EpollJna implements EpollCalls {
    static {
        Native.register(EpollJna.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private static native int epoll_create1(int flags);

    private static native int epoll_ctl(int epfd, int op, int fd, long event);

    private static native int epoll_wait(int epfd, long events, int maxevents, int timeout);

    @Override
    public int epollCreate1(int flags) {
        return epoll_create1(flags);
    }

    @Override
    public int epollCtl(int epfd, int op, int fd, long event) {
        return epoll_ctl(epfd, op, fd, event);
    }

    @Override
    public int epollWait(int epfd, long events, int maxevents, int timeout) {
        return epoll_wait(epfd, events, maxevents, timeout);
    }
}
