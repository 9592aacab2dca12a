package org.iowait.devpoll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.iowait.posix.NativeLayer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DevpollLayerTest {
    @Test
    @DisplayName("devpoll is bound by the running native layer, and the provider says which")
    void boundByRunningLayer() {
        assertEquals(NativeLayer.isFfm() ? "DevPollFfm" : "DevPollJna", DevPollCalls.CALLS.getClass().getSimpleName());
        assertEquals(NativeLayer.describe(), new DevpollProvider().description());
    }
}
