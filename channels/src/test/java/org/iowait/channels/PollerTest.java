package org.iowait.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.iowait.DefaultSelector;
import org.iowait.FileDescriptors;
import org.iowait.posix.Posix;
import org.iowait.spi.SelectorProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Poller over every available backend, with real pipes and loopback sockets. */
class PollerTest {
    static Stream<SelectorProvider> providers() {
        return DefaultSelector.providers().stream().filter(SelectorProvider::isAvailable);
    }

    private static List<PollResult> pollUntil(Poller poller, int count) throws IOException {
        List<PollResult> all = new ArrayList<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (all.size() < count && System.nanoTime() < deadline) {
            all.addAll(poller.poll(Duration.ofMillis(200)));
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void linesThenEndOfStream(SelectorProvider provider) throws IOException {
        try (Poller poller = new Poller(Buffering.LINE, provider.open())) {
            assertEquals(provider.name(), poller.backend(), "the poller tells its backend");
            TestChannel chan = new TestChannel(Buffering.LINE);
            poller.register(chan);
            assertTrue(poller.poll(Duration.ZERO).isEmpty());
            chan.put(ChannelsTest.b("a\nb\nc"));
            List<PollResult> results = pollUntil(poller, 2);
            assertEquals(List.of("a\n", "b\n"), results.stream()
                    .map(r -> ChannelsTest.s(((PollResult.Received) r).data())).toList(), "one Received per line");
            chan.end();
            results = pollUntil(poller, 2);
            assertEquals(2, results.size());
            assertEquals("c", ChannelsTest.s(((PollResult.Received) results.get(0)).data()), "remaining line first");
            assertEquals(0, ((PollResult.Received) results.get(1)).data().length, "then the end");
            assertSame(chan, ((PollResult.Received) results.get(1)).channel());
            assertTrue(poller.poll(Duration.ofMillis(50)).isEmpty(), "unregistered at the end");
            poller.unregister(chan); // unknown now: a no-op
            chan.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void bytesChannelsAndPipes(SelectorProvider provider) throws IOException {
        int[] p = Posix.pipe(false);
        try (Poller poller = new Poller(Buffering.BYTES, provider.open())) {
            PipeChannel reader = new PipeChannel(p[0], null);
            poller.register(reader);
            Posix.write(p[1], ChannelsTest.b("xyz\nw"), 0, 5);
            List<PollResult> results = pollUntil(poller, 1);
            assertEquals(1, results.size(), "one Received per ready byte channel");
            assertEquals("xyz\nw", ChannelsTest.s(((PollResult.Received) results.get(0)).data()));
            Posix.close(p[1]);
            results = pollUntil(poller, 1);
            assertEquals(0, ((PollResult.Received) results.get(0)).data().length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void acceptsTcpAndUnixClients(SelectorProvider provider) throws Exception {
        Path dir = Files.createTempDirectory("iowait-poller");
        Path path = dir.resolve("s");
        try (Poller poller = new Poller(Buffering.LINE, provider.open())) {
            ServerSocketChannel tcp = ServerSocketChannel.open();
            tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            unix.bind(UnixDomainSocketAddress.of(path));
            poller.addServer(tcp);
            poller.addServer(unix);
            try (java.nio.channels.SocketChannel tcpClient = java.nio.channels.SocketChannel.open(tcp.getLocalAddress());
                    java.nio.channels.SocketChannel unixClient = java.nio.channels.SocketChannel
                            .open(UnixDomainSocketAddress.of(path))) {
                List<PollResult> accepted = pollUntil(poller, 2);
                assertEquals(2, accepted.size());
                for (PollResult r : accepted) {
                    PollResult.Accepted a = (PollResult.Accepted) r;
                    assertEquals(Buffering.LINE, a.client().buffering(), "clients inherit the poller's buffering");
                    assertTrue(a.server() == tcp || a.server() == unix);
                    if (a.server() == tcp) {
                        assertEquals(tcpClient.getLocalAddress(), a.address());
                    }
                }
                tcpClient.write(ByteBuffer.wrap(ChannelsTest.b("hello\n")));
                List<PollResult> got = pollUntil(poller, 1);
                PollResult.Received received = (PollResult.Received) got.get(0);
                assertEquals("hello\n", ChannelsTest.s(received.data()));
                received.channel().write(ChannelsTest.b("back\n"));
                ByteBuffer reply = ByteBuffer.allocate(5);
                while (reply.hasRemaining()) {
                    tcpClient.read(reply);
                }
                assertEquals("back\n", new String(reply.array()));
            }
            poller.closeAll();
            assertFalse(tcp.isOpen(), "closeAll closes servers");
            assertFalse(unix.isOpen());
        } finally {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void socketpairLinesAllInOnePoll(SelectorProvider provider) throws IOException {
        int[] s = Posix.socketpair(false);
        try (Poller poller = new Poller(Buffering.LINE, provider.open())) {
            SocketChannel near = new SocketChannel(s[0], Buffering.LINE);
            SocketChannel far = new SocketChannel(s[1]);
            poller.register(near);
            far.write(ChannelsTest.b("1\n2\n"), ChannelsTest.b("3\n4"));
            List<PollResult> results = pollUntil(poller, 3);
            assertEquals(List.of("1\n", "2\n", "3\n"), results.stream()
                    .map(r -> ChannelsTest.s(((PollResult.Received) r).data())).toList(), "one Received per whole line");
            far.close();
            results = pollUntil(poller, 2);
            assertEquals(2, results.size());
            assertEquals("4", ChannelsTest.s(((PollResult.Received) results.get(0)).data()));
            assertEquals(0, ((PollResult.Received) results.get(1)).data().length);
            assertThrows(EndpointClosedException.class, near::read);
            near.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rawListeningFdAndCloseAll(SelectorProvider provider) throws Exception {
        ServerSocketChannel jdk = ServerSocketChannel.open();
        jdk.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int rawServer = Posix.dup(FileDescriptors.fdOf(jdk)); // the same listening socket, as a bare fd
        int[] p = Posix.pipe(false);
        PipeChannel pipe = new PipeChannel(p[0], p[1]);
        try (jdk; Poller poller = new Poller(Buffering.BYTES, provider.open())) {
            poller.addServer(rawServer);
            poller.register(pipe);
            poller.unregister(new TestChannel()); // never registered: a no-op
            try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(jdk.getLocalAddress())) {
                List<PollResult> results = pollUntil(poller, 1);
                assertEquals(1, results.size());
                PollResult.Accepted accepted = (PollResult.Accepted) results.get(0);
                assertEquals(rawServer, accepted.server());
                assertEquals(Buffering.BYTES, accepted.client().buffering());
                client.write(ByteBuffer.wrap(ChannelsTest.b("raw")));
                results = pollUntil(poller, 1);
                assertSame(accepted.client(), ((PollResult.Received) results.get(0)).channel());
                assertEquals("raw", ChannelsTest.s(((PollResult.Received) results.get(0)).data()));
                poller.closeAll();
                assertFalse(Posix.isOpen(rawServer), "closeAll closes a raw server fd");
                assertThrows(EndpointClosedException.class, pipe::read, "closeAll closes channels");
                assertThrows(EndpointClosedException.class, () -> accepted.client().write(ChannelsTest.b("x")));
                assertEquals(-1, client.read(ByteBuffer.allocate(1)), "the accepted client's socket is closed");
                assertTrue(poller.poll(Duration.ofMillis(20)).isEmpty(), "nothing is registered any more");
            }
        }
    }
}
