package org.iowait.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The B/op targets' measurement, in a JVM of its own as bench/run starts it. */
class AllocationCheckTest {
    @Test
    void measuresEachRowInAChildJvm() throws Exception {
        List<AllocationCheck.Spec> specs = List.of(new AllocationCheck.Spec("PingPong", "iowait-epoll", 10),
                new AllocationCheck.Spec("ManyReady", "iowait-poll", 20));
        Map<AllocationCheck.Spec, Long> bytes = AllocationCheck.measure(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                List.of("--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"),
                specs);
        assertEquals(specs, List.copyOf(bytes.keySet()), "one figure per row, in order");
        bytes.forEach((spec, b) -> assertEquals(0L, b, spec + ": the ReadyHandler path allocates per operation"));
    }

    @Test
    void refusesARowItCannotMeasure() {
        for (String bad : new String[] {"PingPong:jdk-nio:0", "Churn:iowait-epoll:0", "PingPong:iowait-epoll:-1",
                "PingPong:iowait-epoll", "ManyReady:iowait-poll:lots"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AllocationCheck.Spec.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
