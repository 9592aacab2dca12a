package org.iowait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code chat} end to end: the command itself on a free loopback port, real clients, stopped by an interrupt. */
class ChatCommandTest {
    private static final Pattern BOUND = Pattern.compile("chat on 127\\.0\\.0\\.1:(\\d+) ");

    @Test
    @DisplayName("chat --port 0 names its port, relays lines between nc-like clients, and stops on interrupt")
    void chatEndToEnd() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(synchronizedView(bytes), true, StandardCharsets.UTF_8);
        AtomicInteger status = new AtomicInteger(-1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread command = new Thread(() -> {
            try {
                status.set(Main.run(new String[] {"chat", "--port", "0"}, out, out));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "chat-command");
        command.start();
        int port = awaitPort(bytes);
        try (Socket alice = new Socket(InetAddress.getLoopbackAddress(), port);
                Socket bob = new Socket(InetAddress.getLoopbackAddress(), port)) {
            alice.setSoTimeout(5000);
            bob.setSoTimeout(5000);
            Thread.sleep(300); // let the server accept both
            alice.getOutputStream().write("hi from alice\n".getBytes(StandardCharsets.UTF_8));
            BufferedReader bobIn = new BufferedReader(new InputStreamReader(bob.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("hi from alice", bobIn.readLine());
            bob.getOutputStream().write("hi alice\n".getBytes(StandardCharsets.UTF_8));
            BufferedReader aliceIn = new BufferedReader(new InputStreamReader(alice.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("hi alice", aliceIn.readLine(), "the sender's own line never comes back to it");
        }
        command.interrupt();
        command.join(10_000);
        assertFalse(command.isAlive(), "an interrupt stops the command");
        assertEquals(null, failure.get());
        assertEquals(0, status.get());
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                "the listening socket is closed");
    }

    @Test
    @DisplayName("bad options are refused with exit status 2 before anything is bound")
    void badOptions() {
        PrintStream out = new PrintStream(OutputStream.nullOutputStream());
        assertEquals(2, Main.run(new String[] {"chat", "--port"}, out, out));
        assertEquals(2, Main.run(new String[] {"chat", "--port", "70000"}, out, out));
        assertEquals(2, Main.run(new String[] {"chat", "--colour", "red"}, out, out));
    }

    private static OutputStream synchronizedView(ByteArrayOutputStream bytes) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (bytes) {
                    bytes.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (bytes) {
                    bytes.write(b, off, len);
                }
            }
        };
    }

    private static int awaitPort(ByteArrayOutputStream bytes) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String text;
            synchronized (bytes) {
                text = bytes.toString(StandardCharsets.UTF_8);
            }
            Matcher m = BOUND.matcher(text);
            if (m.find()) {
                int port = Integer.parseInt(m.group(1));
                assertTrue(port > 0, "a real port, not 0");
                return port;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("chat never printed its port");
    }
}
