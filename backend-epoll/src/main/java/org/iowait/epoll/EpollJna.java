package org.iowait.epoll;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import org.iowait.posix.NativeLayout;

/**
 * {@link EpollCalls} by JNA direct mapping with primitive arguments. Direct mapping passes a {@code long} as 64 bits,
 * so the calls that take a pointer are bound twice ({@link Lp64}, {@link Ilp32} with {@code int}) and only the class
 * of the running data model is registered; the choice is a {@code static final} the JIT folds.
 */
final class EpollJna implements EpollCalls {
    private static final boolean ILP32 = NativeLayout.host().isIlp32();

    static {
        NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
        Native.register(EpollJna.class, libc);
        Native.register(ILP32 ? Ilp32.class : Lp64.class, libc);
    }

    private static native int epoll_create1(int flags);

    @Override
    public int epollCreate1(int flags) {
        return epoll_create1(flags);
    }

    @Override
    public int epollCtl(int epfd, int op, int fd, long event) {
        return ILP32 ? Ilp32.epoll_ctl(epfd, op, fd, (int) event) : Lp64.epoll_ctl(epfd, op, fd, event);
    }

    @Override
    public int epollWait(int epfd, long events, int maxevents, int timeout) {
        return ILP32 ? Ilp32.epoll_wait(epfd, (int) events, maxevents, timeout)
                : Lp64.epoll_wait(epfd, events, maxevents, timeout);
    }

    private static final class Lp64 {
        static native int epoll_ctl(int epfd, int op, int fd, long event);

        static native int epoll_wait(int epfd, long events, int maxevents, int timeout);
    }

    private static final class Ilp32 {
        static native int epoll_ctl(int epfd, int op, int fd, int event);

        static native int epoll_wait(int epfd, int events, int maxevents, int timeout);
    }
}
