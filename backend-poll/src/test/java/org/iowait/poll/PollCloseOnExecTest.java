package org.iowait.poll;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.iowait.tck.Fds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PollCloseOnExecTest {
    @Test
    @DisplayName("every fd a poll selector opens (the eventfd wakeup) is close-on-exec")
    void closeOnExec() throws Exception {
        assertTrue(Fds.assertNewFdsCloseOnExec(() -> new PollProvider().open()) >= 1);
    }
}
