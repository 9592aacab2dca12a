package org.iowait.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.iowait.DefaultSelector;
import org.iowait.spi.SelectorProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** EMFILE on accept, on every backend: the server pauses without spinning, leaks nothing, and accepts again. */
class FdLimitTest {
    private static final int CLIENTS = 40;

    static Stream<String> backends() {
        return DefaultSelector.providers().stream().filter(SelectorProvider::isAvailable).map(SelectorProvider::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void acceptPausesAtTheFdLimitAndResumes(String backend) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "needs prlimit");
        Process probe = new ProcessBuilder(List.of("/usr/bin/prlimit", "--nofile=48",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.io=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), FdLimitProbe.class.getName(), backend,
                String.valueOf(CLIENTS))).redirectErrorStream(true).start();
        List<Socket> clients = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("port "), "the probe started: " + first);
            int port = Integer.parseInt(first.substring(5));
            for (int i = 0; i < CLIENTS; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                clients.add(s);
                s.getOutputStream().write(("client " + i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            String stalledLine = out.readLine();
            System.out.println(backend + " at nofile=48: " + stalledLine + " (accepted, poll rounds per second)");
            String[] stalled = String.valueOf(stalledLine).split(" ");
            assertEquals("stalled", stalled[0], String.join(" ", stalled));
            assertTrue(Integer.parseInt(stalled[1]) < CLIENTS, "the fd limit held accepting back");
            assertTrue(Double.parseDouble(stalled[2]) < 50, "no spin at the limit: " + stalled[2] + " polls/s");
            for (Socket s : clients) {
                s.close();
            }
            String[] done = out.readLine().split(" ");
            assertEquals(List.of("done", String.valueOf(CLIENTS), String.valueOf(CLIENTS), String.valueOf(CLIENTS)),
                    List.of(done), "every client accepted once fds came free, and every line read");
        } finally {
            for (Socket s : clients) {
                s.close();
            }
            if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                probe.destroyForcibly().waitFor();
            }
        }
        assertEquals(0, probe.exitValue());
    }
}
