package org.iowait.channels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.iowait.posix.Posix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChannelsTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("byte mode returns what is available, an empty array when nothing, then EndpointClosedException")
    void bytesMode() throws IOException {
        int[] p = Posix.pipe(false);
        try (PipeChannel reader = new PipeChannel(p[0], null); PipeChannel writer = new PipeChannel(null, p[1])) {
            assertTrue(Posix.isNonBlocking(p[0]), "the faucet is made non-blocking");
            assertEquals(Buffering.BYTES, reader.buffering());
            assertArrayEquals(new byte[0], reader.read());
            writer.write(b("ab"), b("c"));
            assertEquals("abc", s(reader.read()));
            writer.close();
            assertThrows(EndpointClosedException.class, reader::read);
            assertThrows(EndpointClosedException.class, reader::read);
            assertThrows(UnsupportedOperationException.class, writer::fd);
            assertThrows(UnsupportedOperationException.class, () -> reader.write(b("x")));
        }
    }

    @Test
    @DisplayName("line mode returns one whole line per read, holds partial lines, and returns the last one once at the end")
    void lineMode() throws IOException {
        try (TestChannel chan = new TestChannel(Buffering.LINE)) {
            chan.put(b("one\ntwo\nthr"));
            assertEquals("one\n", s(chan.read()));
            assertEquals("two\n", s(chan.read()));
            assertArrayEquals(new byte[0], chan.read(), "an incomplete line is held");
            chan.put(b("ee\nfo"));
            assertEquals("three\n", s(chan.read()));
            assertArrayEquals(new byte[0], chan.read());
            chan.end();
            assertEquals("fo", s(chan.read()), "the last partial line, once");
            assertThrows(EndpointClosedException.class, chan::read);
        }
    }

    @Test
    @DisplayName("TestChannel: put feeds read, write feeds get; a closed channel refuses reads and writes")
    void testChannel() throws IOException {
        TestChannel chan = new TestChannel();
        chan.put(b("in"));
        assertEquals("in", s(chan.read()));
        chan.write(b("out1"), b("out2"));
        assertEquals("out1out2", s(chan.get()));
        assertArrayEquals(new byte[0], chan.get());
        chan.close();
        chan.close();
        assertThrows(EndpointClosedException.class, chan::read);
        assertThrows(EndpointClosedException.class, () -> chan.write(b("x")));
    }

    @Test
    @DisplayName("write delivers 16 MiB in order to a slow reader, though the pipe takes 64 KiB at a time")
    void bigWrite() throws Exception {
        int[] p = Posix.pipe(true);
        byte[] data = new byte[16 << 20];
        new Random(7).nextBytes(data);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (PipeChannel writer = new PipeChannel(null, p[1]); PipeChannel reader = new PipeChannel(p[0], null)) {
            Posix.setNonBlocking(p[1], true); // the kernel will take only part of each write
            Future<?> writing = pool.submit(() -> {
                writer.write(data);
                writer.close();
                return null;
            });
            byte[] got = new byte[data.length];
            int off = 0;
            while (true) {
                byte[] chunk;
                try {
                    chunk = reader.read();
                } catch (EndpointClosedException end) {
                    break;
                }
                if (chunk.length == 0) {
                    Thread.sleep(1); // a slow reader
                    continue;
                }
                System.arraycopy(chunk, 0, got, off, chunk.length);
                off += chunk.length;
            }
            writing.get(60, TimeUnit.SECONDS);
            assertEquals(data.length, off);
            assertTrue(Arrays.equals(data, got), "every byte, in order");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("SocketChannel over a raw socketpair fd and over JDK SocketChannels carries bytes both ways")
    void sockets() throws IOException {
        int[] s = Posix.socketpair(false);
        try (SocketChannel a = new SocketChannel(s[0]); SocketChannel b2 = new SocketChannel(s[1], Buffering.LINE)) {
            a.write(b("hi\n"));
            String line = "";
            for (int i = 0; i < 100 && line.isEmpty(); i++) {
                line = s(b2.read());
            }
            assertEquals("hi\n", line);
        }
        assertThrows(IllegalArgumentException.class, () -> new SocketChannel("nope"));
        assertThrows(IllegalArgumentException.class, () -> new PipeChannel(null, null));
        assertThrows(IllegalArgumentException.class, () -> new PipeChannel(-1, null));
    }

    @Test
    @DisplayName("write delivers 16 MiB in order over a loopback TCP SocketChannel to a slow reader")
    void bigWriteOverTcp() throws Exception {
        byte[] data = new byte[16 << 20];
        new Random(11).nextBytes(data);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            java.nio.channels.SocketChannel jdkClient = java.nio.channels.SocketChannel.open(server.getLocalAddress());
            try (SocketChannel writer = new SocketChannel(jdkClient);
                    SocketChannel reader = new SocketChannel(server.accept())) {
                assertFalse(jdkClient.isBlocking(), "the socket is non-blocking, so the kernel takes part of a write");
                Future<?> writing = pool.submit(() -> {
                    writer.write(Arrays.copyOf(data, 1000), Arrays.copyOfRange(data, 1000, data.length));
                    writer.close();
                    return null;
                });
                ByteArrayOutputStream got = new ByteArrayOutputStream(data.length);
                int reads = 0;
                while (true) {
                    byte[] chunk;
                    try {
                        chunk = reader.read();
                    } catch (EndpointClosedException end) {
                        break;
                    }
                    if (chunk.length == 0 || ++reads % 16 == 0) {
                        Thread.sleep(1); // a slow reader: the writer keeps finding the socket full
                    }
                    got.write(chunk);
                }
                writing.get(60, TimeUnit.SECONDS);
                assertTrue(Arrays.equals(data, got.toByteArray()), "every byte, in order");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("line mode cuts a long burst into exactly the lines written, including lines longer than one read")
    void lineModeBurst() throws Exception {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            String line = "line " + i + " " + "x".repeat(random.nextInt(i % 1000 == 0 ? 200_000 : 40)) + "\n";
            expected.add(line);
            text.append(line);
        }
        text.append("tail");
        expected.add("tail");
        byte[] data = b(text.toString());
        int[] p = Posix.pipe(false);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (PipeChannel writer = new PipeChannel(null, p[1]);
                PipeChannel reader = new PipeChannel(p[0], null, Buffering.LINE)) {
            Future<?> writing = pool.submit(() -> {
                writer.write(data);
                writer.close();
                return null;
            });
            List<String> got = new ArrayList<>();
            while (true) {
                byte[] line;
                try {
                    line = reader.read();
                } catch (EndpointClosedException end) {
                    break;
                }
                if (line.length == 0) {
                    Thread.sleep(1);
                } else {
                    got.add(s(line));
                }
            }
            writing.get(60, TimeUnit.SECONDS);
            assertEquals(expected.size(), got.size());
            assertEquals(expected, got);
        } finally {
            pool.shutdownNow();
        }
    }
}
