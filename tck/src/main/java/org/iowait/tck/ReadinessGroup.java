package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.iowait.Selector.READ;
import static org.iowait.Selector.WRITE;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;

import org.iowait.SelectorKey;
import org.iowait.posix.Posix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "readiness mapping": which kernel states are reported as READ and WRITE.
 * Runs as the nested class {@code SelectorTck.Readiness}; the fixtures are in {@link TckGroup}.
 */
public abstract class ReadinessGroup extends TckGroup {
    @Test
    @DisplayName("a pipe's read end is readable after a write and not before")
    void pipeRead() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        assertTrue(selector.selectNow().isEmpty());
        Fixtures.write(p[1], 3);
        assertEquals(Map.of(p[0], READ), events(2000));
    }

    @Test
    @DisplayName("a pipe's write end is writable")
    void pipeWrite() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[1], WRITE);
        assertEquals(Map.of(p[1], WRITE), events(2000));
    }

    @Test
    @DisplayName("a full pipe is not writable, and becomes writable when drained")
    void fullPipe() throws IOException {
        int[] p = fx.pipe();
        byte[] chunk = new byte[65536];
        while (Posix.write(p[1], chunk, 0, chunk.length) != Posix.WOULD_BLOCK) {
            // fill it
        }
        selector.register(p[1], WRITE);
        assertTrue(select(100).isEmpty(), "a full pipe is not writable");
        while (Fixtures.read(p[0], 65536) > 0) {
            // drain it
        }
        assertEquals(Map.of(p[1], WRITE), events(2000));
    }

    @Test
    @DisplayName("each ready fd appears once, with read and write merged, masked by the key's events")
    void mergedAndMasked() throws IOException {
        int[] s = fx.socketpair();
        int[] t = fx.socketpair();
        Fixtures.write(s[1], 1);
        Fixtures.write(t[1], 1);
        selector.register(s[0], READ | WRITE);
        selector.register(t[0], READ);
        Map<Integer, Integer> ev = events(2000);
        assertEquals(READ | WRITE, ev.get(s[0]));
        assertEquals(READ, ev.get(t[0]));
    }

    @Test
    @DisplayName("readiness is level-triggered: unread data is reported again, drained data is not")
    void levelTriggered() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        Fixtures.write(p[1], 10);
        for (int i = 0; i < 3; i++) {
            assertEquals(Map.of(p[0], READ), events(2000));
        }
        Fixtures.read(p[0], 5);
        assertEquals(Map.of(p[0], READ), events(2000));
        Fixtures.read(p[0], 5);
        assertTrue(select(50).isEmpty());
    }

    @Test
    @DisplayName("a pipe whose writer closed is reported readable (hang-up counts as READ)")
    void hangUpRead() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        fx.closeNow(p[1]);
        assertEquals(Map.of(p[0], READ), events(2000));
        assertEquals(0, Fixtures.read(p[0], 1), "end of stream");
    }

    @Test
    @DisplayName("a pipe whose reader closed is reported writable (the error counts as WRITE)")
    void errorWrite() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[1], WRITE);
        fx.closeNow(p[0]);
        assertEquals(Map.of(p[1], WRITE), events(2000));
    }

    @Test
    @DisplayName("a socket whose peer closed is reported READ|WRITE when both are asked for")
    void peerClosed() throws IOException {
        int[] s = fx.socketpair();
        selector.register(s[0], READ | WRITE);
        fx.closeNow(s[1]);
        assertEquals(Map.of(s[0], READ | WRITE), events(2000));
    }

    @Test
    @DisplayName("a listening TCP socket is readable when a client connects")
    void tcpAccept() throws IOException {
        ServerSocketChannel server = fx.tcpServer();
        selector.register(server, READ);
        assertTrue(selector.selectNow().isEmpty());
        fx.own(SocketChannel.open(server.getLocalAddress()));
        assertEquals(READ, events(2000).values().iterator().next());
    }

    @Test
    @DisplayName("a TCP connection on loopback is writable, and readable once the peer writes")
    void tcpReadWrite() throws IOException {
        SocketChannel[] tcp = fx.tcpPair();
        SelectorKey key = selector.register(tcp[0], READ | WRITE);
        assertEquals(Map.of(key.fd(), WRITE), events(2000));
        Fixtures.write(tcp[1], 5);
        assertEquals(Map.of(key.fd(), READ | WRITE), events(2000));
    }

    @Test
    @DisplayName("a Unix-domain connection is readable once the peer writes")
    void unixDomain() throws IOException {
        SocketChannel[] unix = fx.unixPair();
        SelectorKey key = selector.register(unix[0], READ);
        assertTrue(selector.selectNow().isEmpty());
        Fixtures.write(unix[1], 5);
        assertEquals(Map.of(key.fd(), READ), events(2000));
    }

    @Test
    @DisplayName("a registered fd that was closed does not make later selects fail; other fds still report")
    void closedRegisteredFd() throws IOException {
        int[] stale = fx.pipe();
        int[] live = fx.pipe();
        selector.register(stale[0], READ);
        selector.register(live[0], READ);
        fx.closeNow(stale[0]);
        Fixtures.write(live[1], 1);
        for (int i = 0; i < 3; i++) {
            Map<Integer, Integer> ev = events(2000);
            assertEquals(READ, ev.get(live[0]), "the live fd still reports");
            Integer staleEvents = ev.get(stale[0]);
            assertTrue(staleEvents == null || staleEvents == READ, "a closed fd reports READ or nothing");
        }
        selector.unregister(stale[0]);
        assertEquals(Map.of(live[0], READ), events(2000));
    }
}
