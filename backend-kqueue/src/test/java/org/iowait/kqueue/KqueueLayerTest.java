package org.iowait.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.iowait.posix.NativeLayer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KqueueLayerTest {
    @Test
    @DisplayName("kqueue is bound by the running native layer, and the provider says which")
    void boundByRunningLayer() {
        assertEquals(NativeLayer.isFfm() ? "KqueueFfm" : "KqueueJna", KqueueCalls.CALLS.getClass().getSimpleName());
        assertEquals(NativeLayer.describe(), new KqueueProvider().description());
    }
}
