package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.iowait.Selector.READ;
import static org.iowait.Selector.WRITE;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.iowait.Mode;
import org.iowait.Ready;
import org.iowait.SelectorKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "modify": changing a key's events or attachment.
 * Runs as the nested class {@code SelectorTck.Modify}; the fixtures are in {@link TckGroup}.
 */
public abstract class ModifyGroup extends TckGroup {
    @Test
    @DisplayName("modify(fileobj, events) changes the events and keeps the attachment, mode and object")
    void changesEvents() throws IOException {
        int[] s = fx.socketpair();
        Object attachment = "a";
        selector.register(s[0], READ, attachment);
        assertTrue(selector.selectNow().isEmpty(), "nothing readable");
        SelectorKey key = selector.modify(s[0], WRITE);
        assertEquals(new SelectorKey(s[0], s[0], WRITE, attachment, Mode.LEVEL), key);
        assertEquals(key, selector.getKey(s[0]));
        assertEquals(Map.of(s[0], WRITE), events(2000));
    }

    @Test
    @DisplayName("modify(fileobj, events, attachment) replaces the attachment")
    void changesAttachment() throws IOException {
        int[] s = fx.socketpair();
        selector.register(s[0], READ, "old");
        SelectorKey key = selector.modify(s[0], READ | WRITE, "new");
        assertEquals("new", key.attachment());
        assertEquals("new", selector.select(Tck.scaled(2000)).get(0).key().attachment());
    }

    @Test
    @DisplayName("a modify that changes only the attachment keeps readiness as it was")
    void attachmentOnly() throws IOException {
        int[] p = fx.pipe();
        selector.register(p[0], READ, "old");
        Fixtures.write(p[1], 1);
        assertEquals(1, select(Tck.scaledMillis(2000)).size());
        SelectorKey key = selector.modify(p[0], READ, "new");
        assertEquals(READ, key.events());
        List<Ready> ready = select(Tck.scaledMillis(2000));
        assertEquals(1, ready.size(), "level-triggered readiness survives an attachment change");
        assertEquals("new", ready.get(0).key().attachment());
    }

    @Test
    @DisplayName("modify of an fd that is not registered throws NoSuchElementException")
    void unknown() throws IOException {
        int[] p = fx.pipe();
        assertThrows(NoSuchElementException.class, () -> selector.modify(p[0], READ));
        assertThrows(NoSuchElementException.class, () -> selector.modify(p[0], READ, "x"));
        assertTrue(selector.keys().isEmpty());
    }

    @Test
    @DisplayName("modify with bad events throws IllegalArgumentException and leaves the key unchanged")
    void badEvents() throws IOException {
        int[] p = fx.pipe();
        SelectorKey key = selector.register(p[0], READ, "a");
        assertThrows(IllegalArgumentException.class, () -> selector.modify(p[0], 0));
        assertThrows(IllegalArgumentException.class, () -> selector.modify(p[0], 4, "b"));
        assertEquals(key, selector.getKey(p[0]));
    }

    @Test
    @DisplayName("modify through another object for the same fd keeps the registered object")
    void otherObjectSameFd() throws IOException {
        SocketChannel[] tcp = fx.tcpPair();
        SelectorKey key = selector.register(tcp[0], READ);
        SelectorKey changed = selector.modify(key.fd(), WRITE);
        assertSame(tcp[0], changed.fileobj());
        assertSame(tcp[0], selector.select(Tck.scaled(2000)).get(0).key().fileobj());
    }

    @Test
    @DisplayName("modify from READ to WRITE stops read reports and starts write reports")
    void readToWrite() throws IOException {
        int[] s = fx.socketpair();
        Fixtures.write(s[1], 10);
        selector.register(s[0], READ);
        assertEquals(Map.of(s[0], READ), events(2000));
        selector.modify(s[0], WRITE);
        assertEquals(Map.of(s[0], WRITE), events(2000));
        selector.modify(s[0], READ | WRITE);
        assertEquals(Map.of(s[0], READ | WRITE), events(2000));
    }
}
