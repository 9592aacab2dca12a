package org.iowait.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Close-on-exec set atomically: a fork in another thread between {@code socketpair()} and {@code fcntl(F_SETFD)}
 * would hand the child the fd. {@link CloexecProbe} runs in its own JVM under strace, and the system calls it made
 * are checked: pipe2 with O_CLOEXEC, socketpair with SOCK_CLOEXEC, accept4 with SOCK_CLOEXEC, eventfd2 with
 * EFD_CLOEXEC, and no fcntl(F_SETFD) on any of them.
 */
class CloexecTest {
    @Test
    @DisplayName("on Linux every fd is created close-on-exec by the creating call itself, never by fcntl afterwards")
    void atomicOnLinux(@TempDir Path dir) throws Exception {
        assumeTrue(Os.host() == Os.LINUX, "strace and the Linux syscall names: Linux only");
        assertTrue(Posix.hasAtomicCloseOnExec(), "Linux has pipe2 and accept4");
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean strace = new File("/usr/bin/strace").canExecute();
        if (!strace && ci) {
            fail("strace is needed for this test in CI (.ci/run installs it)");
        }
        assumeTrue(strace, "strace is not installed");
        Path trace = dir.resolve("trace.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of("strace", "-f", "-qq", "-o", trace.toString(),
                "-e", "trace=pipe,pipe2,socketpair,accept,accept4,fcntl,eventfd2,ioctl", java.toString(),
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/java.io=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), CloexecProbe.class.getName()));
        Path log = dir.resolve("output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        double factor = Double.parseDouble(System.getProperty("iowait.tck.timeoutFactor", "1"));
        if (!process.waitFor((long) (60_000 * factor), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("the probe did not finish within " + (long) (60 * factor) + " s: " + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        Matcher fdsLine = Pattern.compile("FDS ([^\\n]*)").matcher(output);
        assertTrue(fdsLine.find(), output);
        assertFalse(fdsLine.group(1).contains("notcloexec"), "every fd has FD_CLOEXEC: " + fdsLine.group(1));

        List<String> lines = Files.readAllLines(trace);
        int start = indexOf(lines, "ioctl(-1001,");
        int end = indexOf(lines, "ioctl(-1002,");
        assertTrue(start >= 0 && end > start, "the probe's markers are in the trace:\n" + String.join("\n", lines));
        String window = String.join("\n", lines.subList(start + 1, end));
        for (String fd : fdsLine.group(1).trim().split(" ")) {
            assertFalse(Pattern.compile("fcntl\\(" + fd + ", F_SETFD").matcher(window).find(),
                    "fd " + fd + " got close-on-exec from fcntl afterwards:\n" + window);
        }
        assertFalse(window.matches("(?s).*\\bpipe\\(.*"), "no plain pipe():\n" + window);
        assertEquals(3, count(window, "pipe2\\(\\[\\d+, \\d+\\], (O_NONBLOCK\\|)?O_CLOEXEC\\)"), "two pipe2(O_CLOEXEC...) calls "
                + "for Posix.pipe, and one more for PipeWakeup:\n" + window);
        assertEquals(1, count(window, "eventfd2\\(0, EFD_CLOEXEC\\|EFD_NONBLOCK\\)"), window);
        assertEquals(2, count(window, "socketpair\\(AF_UNIX, SOCK_STREAM\\|SOCK_CLOEXEC"), window);
        assertEquals(1, count(window, "accept4\\(\\d+, NULL, NULL, SOCK_CLOEXEC\\)"), window);
        assertFalse(window.matches("(?s).*\\baccept\\(.*"), "no plain accept():\n" + window);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile("(?m)" + regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
