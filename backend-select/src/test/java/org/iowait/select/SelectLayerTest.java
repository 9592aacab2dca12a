package org.iowait.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.iowait.posix.NativeLayer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SelectLayerTest {
    @Test
    @DisplayName("select is bound by the running native layer, and the provider says which")
    void boundByRunningLayer() {
        assertEquals(NativeLayer.isFfm() ? "SelectFfm" : "SelectJna", SelectCalls.CALLS.getClass().getSimpleName());
        assertEquals(NativeLayer.describe(), new SelectProvider().description());
    }
}
