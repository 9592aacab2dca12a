package org.iowait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.iowait.DefaultSelector;
import org.iowait.spi.SelectorProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private int run(String... args) throws Exception {
        return Main.run(args, out, err);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("backends lists every provider with its priority, availability and modes or reason")
    void backends() throws Exception {
        assertEquals(0, run("backends"));
        for (SelectorProvider provider : DefaultSelector.providers()) {
            Matcher row = Pattern.compile("(?m)^" + provider.name() + "\\s+" + provider.priority() + "\\s+(yes|no)\\s+(.+)$")
                    .matcher(out());
            assertTrue(row.find(), "no row for " + provider.name() + " in:\n" + out());
            assertEquals(provider.isAvailable() ? "yes" : "no", row.group(1));
            if (!provider.isAvailable()) {
                assertTrue(row.group(2).length() > 5, "an unavailable backend says why: " + row.group(2));
            }
        }
        assertTrue(out().contains("\nchosen: " + DefaultSelector.provider().name() + " "), out());
        assertEquals(1, out().split("\nchosen: ", -1).length - 1, "one table, the facts said once:\n" + out());
    }

    @Test
    @DisplayName("demo echoes over loopback on the default backend, then on every other available one")
    void demo() throws Exception {
        assertEquals(0, run("demo", "--seconds", "0.3", "--clients", "2", "--size", "100"));
        String chosen = DefaultSelector.provider().name();
        assertTrue(out().contains("DefaultSelector chose '" + chosen + "'"), out());
        for (SelectorProvider provider : DefaultSelector.providers()) {
            if (provider.isAvailable()) {
                Matcher line = Pattern.compile("(?m)^" + provider.name() + "\\s+2 clients x\\s+100 B\\s+(\\d+) round-trips/s")
                        .matcher(out());
                assertTrue(line.find(), "no line for " + provider.name() + " in:\n" + out());
                assertTrue(Long.parseLong(line.group(1)) > 0, "round trips happened on " + provider.name());
            }
        }
    }

    @Test
    @DisplayName("bench puts JDK NIO and every available backend side by side with ratios")
    void bench() throws Exception {
        assertEquals(0, run("bench", "--seconds", "0.2", "--clients", "1"));
        assertTrue(out().contains("jdk-nio"), out());
        assertTrue(out().contains("1.00 x jdk-nio"), out());
        assertTrue(out().contains(DefaultSelector.provider().name()), out());
    }

    @Test
    @DisplayName("usage errors exit 2 and name the option and the expected form")
    void badInput() throws Exception {
        assertEquals(2, run("frobnicate"));
        assertTrue(err().startsWith("iowait: unknown command 'frobnicate'\n"), err());
        assertEquals(2, run("demo", "--seconds", "-1"));
        assertTrue(err().contains("iowait: --seconds must be more than 0 and at most 3600, got -1\n"), err());
        assertEquals(2, run("demo", "--bogus"));
        assertTrue(err().contains("iowait: unknown option '--bogus' for demo\n"), err());
        assertEquals(2, run("demo", "--clients"));
        assertTrue(err().contains("iowait: missing required parameter for option '--clients' (N)\n"), err());
        assertEquals(2, run("demo", "--clients", "0"));
        assertTrue(err().contains("iowait: --clients must be 1..256, got 0\n"), err());
    }

    @Test
    @DisplayName("--help per command and --version with the project version and the chosen backend exit 0")
    void helpAndVersion() throws Exception {
        for (String command : new String[] {"backends", "demo", "bench", "chat", "tck"}) {
            outBytes.reset();
            assertEquals(0, run(command, "--help"), command);
            assertTrue(out().startsWith("Usage: iowait " + command), out());
        }
        outBytes.reset();
        assertEquals(0, run("--version"));
        assertTrue(out().matches("(?s)iowait \\d+\\.\\d+\\.\\d+\\S*\nbackend: " + DefaultSelector.provider().name() + " .*"), out());
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
