package org.iowait.fds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.iowait.DefaultSelector;
import org.iowait.Selector;
import org.iowait.posix.Posix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProcessExitTest {
    static String[] backends() {
        return Scaled.BACKENDS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void readableWhenTheProcessExits(String backend) throws Exception {
        Process child = new ProcessBuilder("sh", "-c", "read line; exit 7").start(); // lives until its stdin closes
        try (ProcessExit exit = ProcessExit.of(child); Selector selector = DefaultSelector.open(backend)) {
            assertTrue(Posix.isCloseOnExec(exit.fd()));
            assertEquals(child.pid(), exit.process().pid());
            selector.register(exit, Selector.READ);
            assertTrue(selector.select(java.time.Duration.ofMillis(50)).isEmpty(), "still running");
            child.getOutputStream().close();
            assertEquals(1, selector.select(Scaled.millis(10_000)).size());
            assertTrue(child.waitFor(Scaled.millis(10_000).toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(7, child.exitValue());
            selector.unregister(exit);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aProcessThatAlreadyExitedIsReadableAtOnce() throws Exception {
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        try (ProcessExit exit = ProcessExit.of(child.toHandle()); Selector selector = DefaultSelector.open()) {
            selector.register(exit, Selector.READ);
            assertEquals(1, selector.selectNow().size());
        }
    }

    @Test
    void badInputsAndClose() throws Exception {
        assertThrows(NullPointerException.class, () -> ProcessExit.of((ProcessHandle) null));
        assertTrue(ProcessExit.isAvailable(), () -> "pidfd_open: " + ProcessExit.unavailabilityCause());
        ProcessExit self = ProcessExit.of(ProcessHandle.current());
        int fd = self.fd();
        self.close();
        self.close();
        assertFalse(self.isOpen());
        assertFalse(Posix.isOpen(fd));
        assertEquals(-1, self.fd());
    }
}
