package org.iowait.devpoll;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.iowait.tck.Fds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DevpollCloseOnExecTest {
    @Test
    @DisplayName("every fd a devpoll selector opens (the /dev/poll fd and the self-pipe wakeup) is close-on-exec")
    void closeOnExec() throws Exception {
        assertTrue(Fds.assertNewFdsCloseOnExec(() -> new DevpollProvider().open()) >= 1);
    }
}
