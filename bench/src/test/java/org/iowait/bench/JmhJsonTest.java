package org.iowait.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JmhJsonTest {
    @Test
    @DisplayName("a run's median is the median of its forks' medians, so one slow JVM among five does not move it")
    void medianOfForks() {
        double[][] forks = {{4400, 4420, 4410}, {5600, 5610, 5590}, {4450, 4440, 4460}, {4380, 4390, 4400},
            {4500, 4490, 4510}};
        assertEquals(4450, new JmhJson.Run("PingPong", Map.of(), forks).median());
        // pooled, these nine iterations would have the median 10
        double[][] twoSlow = {{1, 2, 3}, {10, 11, 12}, {10, 11, 13}};
        assertEquals(11, new JmhJson.Run("PingPong", Map.of(), twoSlow).median());
        assertEquals(Double.NaN, JmhJson.median(new double[0]));
        assertEquals(2.5, JmhJson.median(new double[] {4, 1, 3, 2}));
    }
}
