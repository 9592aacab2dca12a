package org.iowait.kqueue;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.iowait.tck.Fds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KqueueCloseOnExecTest {
    @Test
    @DisplayName("every fd a kqueue selector opens (the kqueue fd and any self-pipe wakeup) is close-on-exec")
    void closeOnExec() throws Exception {
        assertTrue(Fds.assertNewFdsCloseOnExec(() -> new KqueueProvider().open()) >= 1);
    }
}
