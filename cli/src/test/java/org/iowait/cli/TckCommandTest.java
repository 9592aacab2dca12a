package org.iowait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.iowait.tck.TckMain;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TckCommandTest {
    @Test
    @DisplayName("the TCK runner prints the environment, a provider x group table and a PASS verdict for poll")
    void reportForPoll() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = TckMain.run(List.of("--backend", "poll"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, report);
        assertTrue(report.contains("os: Linux"), report);
        assertTrue(report.contains("\n  under test: poll\n"), "the header names the backend under test:\n" + report);
        assertTrue(!report.contains("chosen:"), "DefaultSelector's choice is not what this run tests:\n" + report);
        assertTrue(!report.contains("CHOSEN"), "DefaultSelector's choice is not what this run tests:\n" + report);
        assertTrue(report.matches("(?s).*\n  poll / registration: \\d+ passed.* \\(\\d+\\.\\d s\\)\n.*"),
                "a progress line per group as it finishes:\n" + report);
        assertTrue(report.contains("group \\ backend"), report);
        for (String group : new String[] {"registration", "modify", "unregister", "select and timeouts",
                "readiness mapping", "wakeup", "concurrency", "close and lifecycle", "modes", "many fds", "leaks"}) {
            assertTrue(report.matches("(?s).*\\n" + group + " +\\| +\\d+ ok +0 F.*"), "row for " + group + ":\n" + report);
        }
        assertTrue(report.matches("(?s).*VERDICT: PASS - \\d+ passed, 0 failed, \\d+ skipped on \\[poll\\].*"), report);
    }

    @Test
    @DisplayName("an unknown backend name fails with exit status 2 and a FAIL verdict")
    void unknownBackend() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = TckMain.run(List.of("--backend", "nope"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("no available backend named 'nope'"));
    }
}
