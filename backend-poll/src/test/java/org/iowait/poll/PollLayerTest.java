package org.iowait.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.iowait.posix.NativeLayer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PollLayerTest {
    @Test
    @DisplayName("the provider says which native layer binds poll(2)")
    void describesRunningLayer() {
        assertEquals(NativeLayer.describe(), new PollProvider().description());
    }
}
