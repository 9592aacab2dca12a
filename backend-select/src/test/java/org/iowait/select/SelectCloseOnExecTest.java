package org.iowait.select;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.iowait.tck.Fds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SelectCloseOnExecTest {
    @Test
    @DisplayName("every fd a select selector opens (the eventfd wakeup) is close-on-exec")
    void closeOnExec() throws Exception {
        assertTrue(Fds.assertNewFdsCloseOnExec(() -> new SelectProvider().open()) >= 1);
    }
}
