package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.iowait.Selector.READ;
import static org.iowait.Selector.WRITE;

import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.iowait.Mode;
import org.iowait.Ready;
import org.iowait.SelectorKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "modes": ONESHOT and EDGE where the provider has them, refusal where it does not.
 * Runs as the nested class {@code SelectorTck.Modes}; the fixtures are in {@link TckGroup}.
 */
public abstract class ModesGroup extends TckGroup {
    @Test
    @DisplayName("ONESHOT: a key reports once, then nothing until modify re-arms it")
    void oneshot() throws IOException {
        assumeTrue(supports(Mode.ONESHOT), "ONESHOT is not offered");
        int[] p = fx.pipe();
        selector.register(p[0], READ, "x", Mode.ONESHOT);
        Fixtures.write(p[1], 1);
        assertEquals(Map.of(p[0], READ), events(2000));
        assertTrue(select(100).isEmpty(), "disarmed after one report");
        Fixtures.write(p[1], 1);
        assertTrue(select(100).isEmpty(), "a second write gives nothing until modify");
        SelectorKey key = selector.modify(p[0], READ);
        assertEquals(Mode.ONESHOT, key.mode());
        assertEquals("x", key.attachment());
        assertEquals(Map.of(p[0], READ), events(2000));
        assertTrue(select(100).isEmpty());
    }

    @Test
    @DisplayName("ONESHOT: modify with new events re-arms for those events")
    void oneshotRearmOther() throws IOException {
        assumeTrue(supports(Mode.ONESHOT), "ONESHOT is not offered");
        int[] s = fx.socketpair();
        selector.register(s[0], WRITE, null, Mode.ONESHOT);
        assertEquals(Map.of(s[0], WRITE), events(2000));
        assertTrue(select(100).isEmpty());
        Fixtures.write(s[1], 1);
        selector.modify(s[0], READ);
        assertEquals(Map.of(s[0], READ), events(2000));
    }

    @Test
    @DisplayName("ONESHOT: an attachment-only modify of an armed key keeps it armed, of a fired key re-arms it")
    void oneshotAttachment() throws IOException {
        assumeTrue(supports(Mode.ONESHOT), "ONESHOT is not offered");
        int[] p = fx.pipe();
        selector.register(p[0], READ, "a", Mode.ONESHOT);
        selector.modify(p[0], READ, "b");
        Fixtures.write(p[1], 1);
        assertEquals("b", selector.select(Tck.scaled(2000)).get(0).key().attachment());
        assertTrue(select(100).isEmpty());
        selector.modify(p[0], READ, "c");
        assertEquals("c", selector.select(Tck.scaled(2000)).get(0).key().attachment());
    }

    @Test
    @DisplayName("EDGE: unread data is reported once; a partial read gives no new event; a new write does")
    void edge() throws IOException {
        assumeTrue(supports(Mode.EDGE), "EDGE is not offered");
        int[] p = fx.pipe();
        selector.register(p[0], READ, null, Mode.EDGE);
        Fixtures.write(p[1], 10);
        assertEquals(Map.of(p[0], READ), events(2000));
        assertTrue(select(100).isEmpty(), "no new edge while the data stays unread");
        Fixtures.read(p[0], 5);
        assertTrue(select(100).isEmpty(), "a partial read is not an edge");
        Fixtures.write(p[1], 1);
        assertEquals(Map.of(p[0], READ), events(2000));
    }

    @Test
    @DisplayName("EDGE: modify keeps the mode and reports the current state once")
    void edgeModify() throws IOException {
        assumeTrue(supports(Mode.EDGE), "EDGE is not offered");
        int[] s = fx.socketpair();
        selector.register(s[0], READ, null, Mode.EDGE);
        SelectorKey key = selector.modify(s[0], WRITE);
        assertEquals(Mode.EDGE, key.mode());
        assertEquals(Map.of(s[0], WRITE), events(2000));
        assertTrue(select(100).isEmpty(), "writable stays writable: no new edge");
    }

    @Test
    @DisplayName("every mode outside modes() is refused with UnsupportedOperationException, leaving no key")
    void unsupportedModes() throws IOException {
        Set<Mode> missing = EnumSet.complementOf(EnumSet.copyOf(provider().modes()));
        assumeTrue(!missing.isEmpty(), "this backend supports every mode");
        int[] p = fx.pipe();
        for (Mode mode : missing) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> selector.register(p[0], READ, null, mode));
            assertTrue(e.getMessage().contains(mode.name()), e.getMessage());
        }
        assertTrue(selector.keys().isEmpty());
    }

    @Test
    @DisplayName("LEVEL is the default and re-reports until drained")
    void levelDefault() throws IOException {
        int[] p = fx.pipe();
        assertEquals(Mode.LEVEL, selector.register(p[0], READ).mode());
        Fixtures.write(p[1], 1);
        assertEquals(1, select(Tck.scaledMillis(2000)).size());
        assertEquals(1, select(Tck.scaledMillis(2000)).size());
    }

    @Test
    @DisplayName("ONESHOT: a ReadyHandler that throws mid-batch loses no event and no disarm")
    void oneshotHandlerThrows() throws IOException {
        assumeTrue(supports(Mode.ONESHOT), "ONESHOT is not offered");
        handlerThrowsMidBatch(Mode.ONESHOT);
    }

    @Test
    @DisplayName("EDGE: a ReadyHandler that throws mid-batch loses no event")
    void edgeHandlerThrows() throws IOException {
        assumeTrue(supports(Mode.EDGE), "EDGE is not offered");
        handlerThrowsMidBatch(Mode.EDGE);
    }

    /**
     * Three fds ready in one kernel batch; the handler throws on the first. The kernel has already consumed the
     * others' edge (EDGE) or disarmed them (ONESHOT): they must still be handed out by later selects, and a modify
     * must re-arm every fired ONESHOT key (a key left "armed" over a disarmed kernel registration is dead).
     */
    private void handlerThrowsMidBatch(Mode mode) throws IOException {
        int[][] pipes = {fx.pipe(), fx.pipe(), fx.pipe()};
        for (int[] p : pipes) {
            selector.register(p[0], READ, null, mode);
            Fixtures.write(p[1], 1);
        }
        IllegalStateException thrown = new IllegalStateException("thrown by the handler on purpose");
        AtomicInteger first = new AtomicInteger(-1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> selector.select(Tck.scaled(2000), (key, events) -> {
                    first.compareAndSet(-1, key.fd());
                    throw thrown;
                }));
        assertEquals(thrown, e, "the handler's exception propagates");
        Map<Integer, Integer> seen = new HashMap<>();
        seen.put(first.get(), READ);
        long deadline = System.nanoTime() + Tck.scaled(3000).toNanos();
        while (seen.size() < pipes.length && System.nanoTime() < deadline) {
            selector.select(Tck.scaled(200), (key, events) -> {
                assertEquals(null, seen.put(key.fd(), events), "fd " + key.fd() + " reported twice");
            });
        }
        Map<Integer, Integer> expected = new HashMap<>();
        for (int[] p : pipes) {
            expected.put(p[0], READ);
        }
        assertEquals(expected, seen, "every fd of the batch is reported once, the thrown-on one included");
        if (mode == Mode.ONESHOT) {
            for (int[] p : pipes) {
                selector.modify(p[0], READ);
            }
            assertEquals(expected, events(2000), "modify re-armed every fired ONESHOT key");
        }
    }

    @Test
    @DisplayName("ONESHOT: attachment-only modifies racing the report never leave a key dead")
    void oneshotAttachmentRace() throws Exception {
        assumeTrue(supports(Mode.ONESHOT), "ONESHOT is not offered");
        int[] p = fx.pipe();
        selector.register(p[0], READ, 0, Mode.ONESHOT);
        Fixtures.write(p[1], 1); // never read: every re-arm reports it again
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread changer = new Thread(() -> {
            int attachment = 0;
            try {
                while (!stop.get()) {
                    selector.modify(p[0], READ, ++attachment); // same events: no system call while armed
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "tck-attachment-changer");
        changer.start();
        try {
            for (int round = 0; round < 2000 && failure.get() == null; round++) {
                List<Ready> ready = selector.select(Tck.scaled(2000));
                assertEquals(1, ready.size(), "round " + round + ": the readable ONESHOT fd, re-armed by the last "
                        + "modify, was not reported: its key says armed while the kernel's registration is disarmed");
                selector.modify(p[0], READ); // re-arms the fired key
            }
        } finally {
            stop.set(true);
            changer.join();
        }
        assertEquals(null, failure.get(), "the modifying thread failed");
    }
}
