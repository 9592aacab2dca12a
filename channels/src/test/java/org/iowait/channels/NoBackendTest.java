package org.iowait.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** iowait-channels needs posix, not a backend: without one, channels still work and a Poller names what to add. */
class NoBackendTest {
    @Test
    @DisplayName("with no backend jar, channels work and new Poller() says which jar to add")
    void withoutABackend() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("backend-"))
                .collect(Collectors.joining(File.pathSeparator));
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, NoBackendProbe.class.getName())).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.startsWith("channel: works\n"), out);
        assertTrue(out.contains("poller: no available iowait backend on this host"), out);
        assertTrue(out.contains("none found: put a backend jar such as iowait-backend-poll on the class path"), out);
    }
}
