package org.iowait.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.iowait.DefaultSelector;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version (filtered into a resource at build time) and the backend chosen here. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String backend;
        try {
            backend = DefaultSelector.provider().name();
        } catch (RuntimeException e) {
            backend = "none available (" + e.getMessage() + ")";
        }
        return new String[] {"iowait " + projectVersion(),
                "backend: " + backend + " (" + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                        + ", Java " + Runtime.version() + ")"};
    }

    static String projectVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
