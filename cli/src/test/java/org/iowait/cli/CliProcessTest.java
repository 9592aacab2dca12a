package org.iowait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user meets it: the real {@code main} in a fresh JVM, its exit status and the exact first line
 * of stderr. Name resolution in the child uses only an empty hosts file, so no lookup leaves the machine.
 */
class CliProcessTest {
    @TempDir
    static Path dir;

    record Outcome(int status, String out, String err) {
        String firstErrLine() {
            int end = err.indexOf('\n');
            return end < 0 ? err : err.substring(0, end);
        }
    }

    private static Outcome iowait(String... args) throws IOException, InterruptedException {
        Path hosts = dir.resolve("hosts");
        if (!Files.exists(hosts)) {
            Files.writeString(hosts, "127.0.0.1 localhost\n");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + hosts, "--add-opens", "java.base/java.io=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        File out = dir.resolve("out").toFile();
        File err = dir.resolve("err").toFile();
        Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("iowait " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Outcome(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private static void assertOutcome(int status, String firstErrLine, Outcome outcome) {
        assertEquals(firstErrLine, outcome.firstErrLine(), outcome.toString());
        assertEquals(status, outcome.status(), outcome.toString());
        assertTrue(!outcome.err().contains("\tat "), "no stack trace without --debug: " + outcome.err());
    }

    @Test
    @DisplayName("a value of the wrong form names the option and the expected form (exit 2)")
    void wrongForm() throws Exception {
        assertOutcome(2, "iowait: invalid value for option '--port': 'abc' is not an int", iowait("chat", "--port", "abc"));
        assertOutcome(2, "iowait: invalid value for option '--seconds': 'abc' is not a double",
                iowait("demo", "--seconds", "abc"));
    }

    @Test
    @DisplayName("unknown options and stray words are reported as such (exit 2)")
    void unknownOptionAndStrayWord() throws Exception {
        assertOutcome(2, "iowait: unknown option '--verbose' for chat", iowait("chat", "--port", "7001", "--verbose"));
        assertOutcome(2, "iowait: unexpected argument '7001' for chat (it takes options only)", iowait("chat", "7001"));
        assertOutcome(2, "iowait: unknown command 'frobnicate'", iowait("frobnicate"));
    }

    @Test
    @DisplayName("an unknown host, a port in use and a foreign address each give one line to act on (exit 1), in chat "
            + "and echo alike")
    void bindFailures() throws Exception {
        for (List<String> server : List.of(List.of("chat"), List.of("echo", "--threads", "platform"))) {
            assertOutcome(1, "iowait: unknown host 'no-such-host.invalid'; give a name or address of this machine "
                    + "with --host (e.g. 127.0.0.1)", iowait(server, "--host", "no-such-host.invalid", "--port", "0"));
            try (ServerSocketChannel taken = ServerSocketChannel.open()) {
                taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = taken.socket().getLocalPort();
                assertOutcome(1, "iowait: port " + port + " on 127.0.0.1 is in use; choose another with --port (0 "
                        + "picks a free one)", iowait(server, "--port", String.valueOf(port)));
            }
            // 192.0.2.1 (TEST-NET-1) is nobody's address here: binding fails locally, nothing is sent.
            assertOutcome(1, "iowait: cannot listen on 192.0.2.1: it is not an address of this machine; choose a "
                    + "local one with --host (e.g. 127.0.0.1)", iowait(server, "--host", "192.0.2.1", "--port", "0"));
            assertOutcome(2, "iowait: --port must be 0..65535, got 70000", iowait(server, "--port", "70000"));
        }
    }

    private static Outcome iowait(List<String> command, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        return iowait(all.toArray(String[]::new));
    }

    @Test
    @DisplayName("--debug adds the stack trace under the same first line")
    void debug() throws Exception {
        Outcome outcome = iowait("chat", "--host", "192.0.2.1", "--port", "0", "--debug");
        assertEquals(1, outcome.status(), outcome.toString());
        assertTrue(outcome.firstErrLine().startsWith("iowait: cannot listen on 192.0.2.1"), outcome.toString());
        assertTrue(outcome.err().contains("java.net.BindException"), outcome.err());
    }

    @Test
    @DisplayName("plurals are right: demo --clients 1 says '1 client'")
    void plurals() throws Exception {
        Outcome outcome = iowait("demo", "--clients", "1", "--seconds", "0.2");
        assertEquals(0, outcome.status(), outcome.toString());
        assertTrue(outcome.out().contains("with 1 client for"), outcome.out());
        assertTrue(!outcome.out().contains("1 clients"), outcome.out());
    }
}
