package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.iowait.Selector.READ;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.iowait.SelectorKey;
import org.iowait.posix.Posix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "unregister": removing keys, including those of closed or reused fds.
 * Runs as the nested class {@code SelectorTck.Unregister}; the fixtures are in {@link TckGroup}.
 */
public abstract class UnregisterGroup extends TckGroup {
    @Test
    @DisplayName("unregister returns the key and removes it")
    void returnsKey() throws IOException {
        int[] p = fx.pipe();
        SelectorKey key = selector.register(p[0], READ, "a");
        assertEquals(key, selector.unregister(p[0]));
        assertTrue(selector.keys().isEmpty());
        assertThrows(NoSuchElementException.class, () -> selector.getKey(p[0]));
    }

    @Test
    @DisplayName("unregister of an fd that is not registered (or twice) throws NoSuchElementException")
    void unknown() throws IOException {
        int[] p = fx.pipe();
        assertThrows(NoSuchElementException.class, () -> selector.unregister(p[0]));
        selector.register(p[0], READ);
        selector.unregister(p[0]);
        assertThrows(NoSuchElementException.class, () -> selector.unregister(p[0]));
    }

    @Test
    @DisplayName("an unregistered fd is no longer reported")
    void notReported() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        Fixtures.write(p[1], 1);
        selector.unregister(p[0]);
        assertTrue(select(Tck.scaledMillis(100)).isEmpty());
    }

    @Test
    @DisplayName("unregister of an fd that was closed succeeds and returns the key")
    void closedFd() throws IOException {
        int[] p = fx.pipe();
        SelectorKey key = selector.register(p[0], READ);
        fx.closeNow(p[0]);
        assertEquals(key, selector.unregister(p[0]));
        assertTrue(selector.keys().isEmpty());
    }

    @Test
    @DisplayName("unregister of an fd closed and its number reused succeeds, and the new file can be registered")
    void reusedFd() throws IOException {
        int[] p = fx.pipe();
        int[] other = fx.pipe();
        SelectorKey key = selector.register(p[0], READ);
        Posix.dup2(other[0], p[0]); // closes the registered file and reuses its number for another pipe
        assertEquals(key, selector.unregister(p[0]));
        selector.register(p[0], READ);
        Fixtures.write(other[1], 1);
        assertEquals(Map.of(p[0], READ), events(2000));
    }

    @Test
    @DisplayName("unregister of a closed JDK channel by the channel object succeeds")
    void closedChannel() throws IOException {
        SocketChannel[] tcp = fx.tcpPair();
        SelectorKey key = selector.register(tcp[0], READ);
        tcp[0].close();
        assertEquals(key, selector.unregister(tcp[0]));
        assertTrue(selector.keys().isEmpty());
    }

    @Test
    @DisplayName("unregister through another object for the same fd returns the original key")
    void otherObject() throws IOException {
        SocketChannel[] tcp = fx.tcpPair();
        SelectorKey key = selector.register(tcp[0], READ);
        assertSame(tcp[0], selector.unregister(key.fd()).fileobj());
    }

    @Test
    @DisplayName("a registered fd closed while a dup keeps its file open, then unregistered, leaves select waiting quietly")
    void closedWhileDuplicated() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ);
        Fixtures.write(p[1], 1); // readable: a registration left behind in the kernel fires at once, every time
        int copy = Posix.dup(p[0]);
        fx.own(copy);
        fx.closeNow(p[0]);
        selector.unregister(p[0]);
        Tck.CpuUse before = Tck.CpuUse.now();
        long start = System.nanoTime();
        List<?> ready = selector.select(Duration.ofSeconds(1));
        long wall = System.nanoTime() - start;
        Tck.CpuUse after = Tck.CpuUse.now();
        assertEquals(List.of(), ready, "nothing registered is ready");
        assertTrue(wall >= 1_000_000_000L, "returned early, after " + wall / 1_000_000 + " ms");
        assertFalse(after.spunSince(before, wall), "select spun instead of waiting: in " + wall / 1_000_000
                + " ms it ran " + (after.ran() - before.ran()) / 1_000_000 + " ms and wanted the CPU for "
                + (after.wanted() - before.wanted()) / 1_000_000 + " ms");
    }
}
