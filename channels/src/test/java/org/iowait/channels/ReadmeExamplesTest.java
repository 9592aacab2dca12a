package org.iowait.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's channels quickstart, compiled and run as written there (between the markers). */
class ReadmeExamplesTest {
    @Test
    @DisplayName("README channels quickstart: a line poller accepts a client and gets whole lines only")
    void channelsQuickstart() throws IOException {
        List<String> lines = new ArrayList<>();
        List<Object> accepted = new ArrayList<>();
        // README:begin channels-quickstart
        try (Poller poller = new Poller(Buffering.LINE)) {
            ServerSocketChannel server = ServerSocketChannel.open()
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            poller.addServer(server);                       // clients are accepted and registered for you
            SocketChannel client = new SocketChannel(java.nio.channels.SocketChannel.open(server.getLocalAddress()));
            client.write("hello\n".getBytes(), "wor".getBytes());
            while (lines.isEmpty()) {
                for (PollResult result : poller.poll(Duration.ofSeconds(1))) {
                    if (result instanceof PollResult.Accepted a) {
                        accepted.add(a.address());          // the client's address
                    } else if (result instanceof PollResult.Received r) {
                        lines.add(new String(r.data()));    // "hello\n"; "wor" waits for its '\n'
                    }
                }
            }
            client.close();
        }                                                   // closes the server and every accepted client
        // README:end channels-quickstart
        assertEquals(List.of("hello\n"), lines);
        assertEquals(1, accepted.size());
    }

    @Test
    @DisplayName("the README shows the channels quickstart exactly as this test runs it")
    void readmeMatches() throws IOException {
        Path module = Path.of("").toAbsolutePath();
        String source = Files.readString(module.resolve("src/test/java/org/iowait/channels/ReadmeExamplesTest.java"));
        String block = source.substring(source.indexOf("// README:begin channels-quickstart\n") + 36,
                source.indexOf("        // README:end channels-quickstart"));
        String expected = block.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(module.resolveSibling("README.md"));
        assertTrue(readme.contains("```java\n" + expected + "\n```"), "README.md must hold, as a java block:\n" + expected);
    }
}
