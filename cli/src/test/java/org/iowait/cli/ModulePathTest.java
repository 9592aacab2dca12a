package org.iowait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module descriptors are right: on the module path, ServiceLoader finds every backend through `provides`. */
class ModulePathTest {
    @Test
    @DisplayName("on the module path DefaultSelector finds the backends through module-info and selects")
    void modulePath() throws Exception {
        List<String> modules = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String module = ModuleFinder.of(path).findAll().stream().map(ModuleReference::descriptor)
                    .map(ModuleDescriptor::name).findFirst().orElse("");
            // the library's own modules and JNA (an automatic module); the TCK would need JUnit's
            if (module.startsWith("org.iowait.") && !module.equals("org.iowait.tck") || module.equals("org.iowait")
                    || module.equals("com.sun.jna")) {
                modules.add(entry);
            } else if (entry.contains("test-classes")) {
                classPath.add(entry);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--module-path", String.join(File.pathSeparator, modules),
                "--add-modules", "ALL-MODULE-PATH",
                "-cp", String.join(File.pathSeparator, classPath), ModulePathProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("module org.iowait"), output);
        for (String backend : new String[] {"epoll in org.iowait.epoll", "poll in org.iowait.poll",
                "select in org.iowait.select", "kqueue in org.iowait.kqueue", "devpoll in org.iowait.devpoll"}) {
            assertTrue(output.contains("provider " + backend), backend + ":\n" + output);
        }
        assertTrue(output.contains("selected 1 on epoll"), output);
    }
}
