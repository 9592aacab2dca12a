package org.iowait.fds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.iowait.DefaultSelector;
import org.iowait.Ready;
import org.iowait.Selector;
import org.iowait.posix.Posix;
import org.iowait.tck.Fds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChildProcessTest {
    private static final int LINES = 1_400_000; // "1\n" .. "1400000\n": 10.2 MB
    /** 1,000; the container matrix asks for fewer under qemu, where every child's exec is emulated. */
    private static final int CHILDREN = Integer.getInteger("iowait.fds.children", 1_000);

    static String[] backends() {
        return Scaled.BACKENDS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void tenMegabytesFromStdoutAndStderrArriveCompleteWhileTheChildExits(String backend) throws Exception {
        byte[] expected = numbers(LINES);
        assertTrue(expected.length > 10_000_000);
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "seq 1 " + LINES + " | tee /dev/stderr");
        try (ChildProcess child = ChildProcess.start(builder); Selector selector = DefaultSelector.open(backend)) {
            Map<PipeSource, ByteArrayOutputStream> received = readAll(selector, child, Scaled.deadline(60_000));
            assertTrue(child.process().waitFor(Scaled.millis(10_000).toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(0, child.process().exitValue());
            assertArrayEquals(expected, received.get(child.stdout()).toByteArray(), "stdout");
            assertArrayEquals(expected, received.get(child.stderr()).toByteArray(), "stderr");
            assertTrue(selector.keys().isEmpty(), "both ended and were unregistered");
        }
    }

    @Test
    void outputWrittenJustBeforeExitIsKeptUntilRead() throws Exception {
        try (ChildProcess child = ChildProcess.start(new ProcessBuilder("sh", "-c", "echo last words; echo oops >&2"));
             Selector selector = DefaultSelector.open()) {
            assertEquals(0, child.process().waitFor(), "exited and reaped before anything is read");
            Map<PipeSource, ByteArrayOutputStream> received = readAll(selector, child, Scaled.deadline(10_000));
            assertEquals("last words\n", received.get(child.stdout()).toString(StandardCharsets.US_ASCII));
            assertEquals("oops\n", received.get(child.stderr()).toString(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void itsPipesAndItsExitInOneLoop() throws Exception {
        try (ChildProcess child = ChildProcess.start(new ProcessBuilder("sh", "-c", "read x; echo got $x; exit 3"));
             ProcessExit exit = ProcessExit.of(child.process());
             Selector selector = DefaultSelector.open()) {
            selector.register(exit, Selector.READ, exit);
            selector.register(child.stdout(), Selector.READ, child.stdout());
            assertTrue(selector.select(Duration.ofMillis(50)).isEmpty(), "waiting for its input");
            child.stdin().write(ByteBuffer.wrap("it\n".getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(64);
            boolean exited = false;
            boolean ended = false;
            long deadline = Scaled.deadline(10_000);
            while (!exited || !ended) {
                assertTrue(System.nanoTime() < deadline, "exited=" + exited + ", output " + out);
                for (Ready ready : selector.select(Scaled.millis(1_000))) {
                    if (ready.key().attachment() == exit) {
                        exited = true;
                        selector.unregister(exit);
                    } else {
                        int n = child.stdout().read(buf.clear());
                        ended = n == -1;
                        out.write(buf.array(), 0, Math.max(n, 0));
                        if (ended) {
                            selector.unregister(child.stdout());
                        }
                    }
                }
            }
            assertEquals("got it\n", out.toString(StandardCharsets.US_ASCII));
            assertEquals(3, child.process().waitFor());
        }
    }

    @Test
    void stdinIsANonBlockingPipeAndClosingItEndsTheChildsInput() throws Exception {
        try (ChildProcess child = ChildProcess.start(new ProcessBuilder("cat"))) {
            assertTrue(Posix.isNonBlocking(child.stdin().fd()));
            assertTrue(Posix.isCloseOnExec(child.stdout().fd()));
            ByteBuffer input = ByteBuffer.wrap("echo me\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(8, child.stdin().write(input));
            child.stdin().close();
            assertEquals(-1, child.stdin().fd());
            assertThrows(ClosedChannelException.class, () -> child.stdin().write(ByteBuffer.allocate(1)));
            try (Selector selector = DefaultSelector.open()) {
                selector.register(child.stdout(), Selector.READ);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long deadline = Scaled.deadline(10_000);
                ByteBuffer buf = ByteBuffer.allocate(64);
                for (int n = 0; n != -1; ) {
                    assertTrue(System.nanoTime() < deadline, "got only " + out);
                    selector.select(Scaled.millis(1_000));
                    n = child.stdout().read(buf.clear());
                    out.write(buf.array(), 0, Math.max(n, 0));
                }
                assertEquals("echo me\n", out.toString(StandardCharsets.US_ASCII));
                assertEquals(-1, child.stdout().read(buf.clear()), "the end stays the end");
            }
        }
    }

    @Test
    void aThousandShortLivedChildrenLeaveNoFdOrZombie() throws Exception {
        try (Selector selector = DefaultSelector.open()) {
            for (int i = 0; i < 20; i++) {
                runTrue(selector); // warm up: the JDK opens its launcher's and reaper's fds once
            }
            Fds.Snapshot before = Fds.snapshot();
            for (int i = 0; i < CHILDREN; i++) {
                runTrue(selector);
            }
            Fds.assertNoLeak(before, CHILDREN + " children");
            assertEquals(0, ProcessHandle.current().children().count(), "children (zombies included) left");
        }
    }

    private static void runTrue(Selector selector) throws Exception {
        try (ChildProcess child = ChildProcess.start(new ProcessBuilder("true"))) {
            Map<PipeSource, ByteArrayOutputStream> out = readAll(selector, child, Scaled.deadline(10_000));
            assertEquals(0, out.get(child.stdout()).size());
            assertEquals(0, child.process().waitFor());
        }
    }

    @Test
    void redirectsTheCallerChoseAreKeptAndTheBuilderIsRestored() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "echo out; echo err >&2").redirectErrorStream(true)
                .redirectInput(Redirect.INHERIT);
        try (ChildProcess child = ChildProcess.start(builder); Selector selector = DefaultSelector.open()) {
            assertSame(Redirect.PIPE, builder.redirectOutput());
            assertSame(Redirect.INHERIT, builder.redirectInput());
            IllegalStateException merged = assertThrows(IllegalStateException.class, child::stderr);
            assertTrue(merged.getMessage().contains("redirectErrorStream"), merged.getMessage());
            assertThrows(IllegalStateException.class, child::stdin);
            selector.register(child.stdout(), Selector.READ);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(64);
            long deadline = Scaled.deadline(10_000);
            for (int n = 0; n != -1; ) {
                assertTrue(System.nanoTime() < deadline, "got only " + out);
                selector.select(Scaled.millis(1_000));
                n = child.stdout().read(buf.clear());
                out.write(buf.array(), 0, Math.max(n, 0));
            }
            assertEquals("out\nerr\n", out.toString(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aCommandThatCannotRunFailsWithNothingLeftOpen() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/nonexistent/command");
        assertThrows(IOException.class, () -> ChildProcess.start(builder).close()); // warm up the JDK's launcher
        Fds.Snapshot before = Fds.snapshot();
        IOException failure = assertThrows(IOException.class, () -> ChildProcess.start(builder));
        assertTrue(failure.getMessage().contains("/nonexistent/command"), failure.getMessage());
        Fds.assertNoLeak(before, "a command that cannot run");
        assertSame(Redirect.PIPE, builder.redirectOutput(), "the builder is restored");
        assertThrows(NullPointerException.class, () -> ChildProcess.start(null));
    }

    /** Reads stdout and stderr from one thread until both end, unregistering each at its end. */
    static Map<PipeSource, ByteArrayOutputStream> readAll(Selector selector, ChildProcess child, long deadline)
            throws IOException {
        Map<PipeSource, ByteArrayOutputStream> received = new HashMap<>();
        for (PipeSource source : new PipeSource[] {child.stdout(), child.stderr()}) {
            selector.register(source, Selector.READ, source);
            received.put(source, new ByteArrayOutputStream());
        }
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (!selector.keys().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the child's output did not end in time");
            for (Ready ready : selector.select(Scaled.millis(1_000))) {
                PipeSource source = (PipeSource) ready.key().attachment();
                int n = source.read(buf.clear());
                if (n == -1) {
                    selector.unregister(source);
                } else {
                    received.get(source).write(buf.array(), 0, n);
                }
            }
        }
        return received;
    }

    private static byte[] numbers(int count) {
        StringBuilder text = new StringBuilder(count * 8);
        for (int i = 1; i <= count; i++) {
            text.append(i).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
