package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.iowait.spi.SelectorProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "packaging": the provider is discoverable through ServiceLoader.
 * Runs as the nested class {@code SelectorTck.Packaging}; the fixtures are in {@link TckGroup}.
 */
public abstract class PackagingGroup extends TckGroup {
    @Test
    @DisplayName("the provider is listed in META-INF/services and, when the jar is a module, provided by module-info")
    void registeredBothWays() throws Exception {
        Class<?> type = provider().getClass();
        java.net.URL location = type.getProtectionDomain().getCodeSource().getLocation();
        java.nio.file.Path root = java.nio.file.Path.of(location.toURI());
        String service = org.iowait.spi.SelectorProvider.class.getName();
        try (java.nio.file.FileSystem jar = java.nio.file.Files.isDirectory(root) ? null
                : java.nio.file.FileSystems.newFileSystem(root)) {
            java.nio.file.Path base = jar == null ? root : jar.getPath("/");
            java.nio.file.Path services = base.resolve("META-INF/services/" + service);
            assertTrue(java.nio.file.Files.exists(services), "missing " + services);
            List<String> listed = java.nio.file.Files.readAllLines(services).stream().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            assertTrue(listed.contains(type.getName()), services + " lists " + listed);
            java.nio.file.Path moduleInfo = base.resolve("module-info.class");
            assumeTrue(java.nio.file.Files.exists(moduleInfo), "not packaged as a module (e.g. a shaded jar)");
            java.lang.module.ModuleDescriptor descriptor;
            try (var in = java.nio.file.Files.newInputStream(moduleInfo)) {
                descriptor = java.lang.module.ModuleDescriptor.read(in);
            }
            assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(service)
                    && p.providers().contains(type.getName())), descriptor.name() + " provides " + descriptor.provides());
        }
    }
}
