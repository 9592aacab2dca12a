package org.iowait.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
