package org.iowait.epoll;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import org.iowait.posix.Ffm;

/**
 * {@link EpollCalls} through {@code java.lang.foreign}: static final handles, errno captured per call, except by a
 * zero-timeout wait that succeeds (see {@link #WAIT_NOW}).
 */
final class EpollFfm implements EpollCalls {
    private static final MethodHandle CREATE1 = Ffm.libc("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle CTL =
            Ffm.libc("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final FunctionDescriptor WAIT_TYPE =
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT);
    private static final MethodHandle WAIT = Ffm.libc("epoll_wait", WAIT_TYPE);
    /**
     * A zero-timeout wait returns at once and consumes nothing when it fails: bound without the native thread-state
     * switch and without errno capture, and made again through {@link #WAIT} to learn errno after -1.
     */
    private static final MethodHandle WAIT_NOW = Ffm.libcNonBlocking("epoll_wait", WAIT_TYPE);

    @Override
    public int epollCreate1(int flags) {
        try {
            return (int) CREATE1.invokeExact(Ffm.errnoState(), flags);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int epollCtl(int epfd, int op, int fd, long event) {
        try {
            return (int) CTL.invokeExact(Ffm.errnoState(), epfd, op, fd, event);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int epollWait(int epfd, long events, int maxevents, int timeout) {
        try {
            if (timeout == 0) {
                int n = (int) WAIT_NOW.invokeExact(epfd, events, maxevents, 0);
                if (n >= 0) {
                    return n;
                }
            }
            return (int) WAIT.invokeExact(Ffm.errnoState(), epfd, events, maxevents, timeout);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }
}
