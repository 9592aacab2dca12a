package org.iowait.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.iowait.posix.Errno;
import org.iowait.posix.NativeLayer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EpollLayerTest {
    @Test
    @DisplayName("epoll is bound by the running native layer, and the provider says which")
    void boundByRunningLayer() {
        assertEquals(NativeLayer.isFfm() ? "EpollFfm" : "EpollJna", EpollCalls.CALLS.getClass().getSimpleName());
        assertEquals(NativeLayer.describe(), new EpollProvider().description());
    }

    @Test
    @DisplayName("a failed epoll_wait leaves its errno, with a zero timeout (bound without capture on FFM) or not")
    void failedWaitsReportErrno() throws Exception {
        try (Epoll epoll = Epoll.open(); EpollSyscalls.EventArray events = new EpollSyscalls.EventArray(1)) {
            for (int timeout : new int[] {0, 10}) {
                assertEquals(-1, EpollCalls.CALLS.epollWait(-1, events.address(), 1, timeout));
                assertEquals(Errno.EBADF, Errno.lastErrno(), "bad epfd, timeout " + timeout);
                assertEquals(-1, EpollCalls.CALLS.epollWait(epoll.fileno(), events.address(), 0, timeout));
                assertEquals(Errno.EINVAL, Errno.lastErrno(), "maxevents 0, timeout " + timeout);
                assertEquals(0, EpollCalls.CALLS.epollWait(epoll.fileno(), events.address(), 1, 0), "nothing ready");
            }
        }
    }
}
