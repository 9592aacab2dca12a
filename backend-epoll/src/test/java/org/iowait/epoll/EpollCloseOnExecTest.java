package org.iowait.epoll;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.iowait.tck.Fds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EpollCloseOnExecTest {
    @Test
    @DisplayName("every fd a epoll selector opens (the epoll fd and the eventfd wakeup) is close-on-exec")
    void closeOnExec() throws Exception {
        assertTrue(Fds.assertNewFdsCloseOnExec(() -> new EpollProvider().open()) >= 2);
    }
}
