package org.iowait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertTrue(out().contains("chosen: " + DefaultSelector.provider().name()), out());
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
    @DisplayName("an unknown command prints the usage and exits 2; bad options are rejected with a reason")
    void badInput() throws Exception {
        assertEquals(2, run("frobnicate"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
        assertEquals(2, run());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("demo", "--seconds", "-1"));
        assertTrue(e.getMessage().contains("--seconds must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> run("demo", "--bogus"));
        assertTrue(e.getMessage().contains("unknown option '--bogus'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> run("demo", "--clients"));
        assertTrue(e.getMessage().contains("--clients needs a value"), e.getMessage());
    }
}
