package org.iowait.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.iowait.posix.NativeLayer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PollLayerTest {
    @Test
    @DisplayName("poll is bound by the running native layer, and the provider says which")
    void boundByRunningLayer() {
        assertEquals(NativeLayer.isFfm() ? "PollFfm" : "PollJna", PollCalls.CALLS.getClass().getSimpleName());
        assertEquals(NativeLayer.describe(), new PollProvider().description());
    }
}
