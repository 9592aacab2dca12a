package org.iowait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code echo --threads virtual} end to end: 1,000 connections held at once, each echoed, on a few platform threads. */
@Tag("waiting")
class EchoCommandTest {
    private static final Pattern BOUND = Pattern.compile("echo on 127\\.0\\.0\\.1:(\\d+) ");
    private static final int CONNECTIONS = 1000;

    @Test
    @DisplayName("echo --threads virtual holds 1,000 connections at once, echoes each, and stops on interrupt")
    void thousandConnections() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+, this is " + Runtime.version());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicInteger status = new AtomicInteger(-1);
        Thread command = new Thread(() -> status.set(Main.run(new String[] {"echo", "--port", "0", "--threads", "virtual"},
                out, out)), "echo-command");
        int platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        command.start();
        int port = awaitPort(bytes);
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.setSoTimeout(20_000);
                clients.add(socket);
            }
            for (int round = 0; round < 2; round++) { // the second round finds every connection still served
                for (int i = 0; i < CONNECTIONS; i++) {
                    byte[] line = ("hello " + round + " " + i + "\n").getBytes(StandardCharsets.UTF_8);
                    clients.get(i).getOutputStream().write(line);
                }
                for (int i = 0; i < CONNECTIONS; i++) {
                    String expected = "hello " + round + " " + i + "\n";
                    assertEquals(expected, readLine(clients.get(i).getInputStream()), "connection " + i);
                }
            }
            int platformThreads = ManagementFactory.getThreadMXBean().getThreadCount() - platformBefore;
            assertTrue(platformThreads < 50, "1,000 connections took " + platformThreads + " more platform threads");
        } finally {
            for (Socket socket : clients) {
                socket.close();
            }
        }
        command.interrupt();
        command.join(20_000);
        assertFalse(command.isAlive(), "an interrupt stops the command");
        assertEquals(0, status.get(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("echo --threads with an unknown kind is a usage error naming the choices")
    void badThreads() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, Main.run(new String[] {"echo", "--port", "0", "--threads", "green"}, out, out));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("--threads must be virtual or platform"),
                bytes.toString(StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1;) {
            line.append((char) c);
            if (c == '\n') {
                break;
            }
        }
        return line.toString();
    }

    private static int awaitPort(ByteArrayOutputStream bytes) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m;
            synchronized (bytes) {
                m = BOUND.matcher(bytes.toString(StandardCharsets.UTF_8));
            }
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the server never named its port: " + bytes.toString(StandardCharsets.UTF_8));
    }

}
