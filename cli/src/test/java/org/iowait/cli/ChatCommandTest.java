package org.iowait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

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

import org.iowait.DefaultSelector;
import org.iowait.FileDescriptors;
import org.iowait.posix.Posix;
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
            String aliceName = "127.0.0.1:" + alice.getLocalPort();
            String bobName = "127.0.0.1:" + bob.getLocalPort();
            awaitText(bytes, "+ " + bobName + " joined"); // the server accepted both
            awaitText(bytes, "+ " + aliceName + " joined");
            alice.getOutputStream().write("hi from alice\n".getBytes(StandardCharsets.UTF_8));
            BufferedReader bobIn = new BufferedReader(new InputStreamReader(bob.getInputStream(), StandardCharsets.UTF_8));
            assertEquals(aliceName + "> hi from alice", bobIn.readLine());
            bob.getOutputStream().write("hi alice\n".getBytes(StandardCharsets.UTF_8));
            BufferedReader aliceIn = new BufferedReader(new InputStreamReader(alice.getInputStream(), StandardCharsets.UTF_8));
            assertEquals(bobName + "> hi alice", aliceIn.readLine(), "the sender's own line never comes back to it");
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

    @Test
    @DisplayName("a chat server thread that dies makes the command fail with exit 70 and the cause, not exit 0")
    void deadServerThread() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")) && DefaultSelector.provider().name().equals("epoll"),
                "needs /proc/self/fd and epoll, to find the server's epoll fd");
        Set<Integer> before = epollFds();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(synchronizedView(bytes), true, StandardCharsets.UTF_8);
        AtomicInteger status = new AtomicInteger(-1);
        Thread command = new Thread(() -> status.set(Main.run(new String[] {"chat", "--port", "0"}, out, out)), "chat-command");
        command.start();
        awaitPort(bytes);
        Set<Integer> created = epollFds();
        created.removeAll(before);
        assertEquals(1, created.size(), "the chat server's epoll fd: " + created);
        // A fault from outside: another file takes the epoll fd's number, so the server's next epoll_wait fails.
        // dup2 rather than close, so that the server's own close later cannot hit a number reused by this JVM.
        try (FileInputStream devNull = new FileInputStream("/dev/null")) {
            Posix.dup2(FileDescriptors.fdOf(devNull), created.iterator().next());
        }
        command.join(10_000);
        assertFalse(command.isAlive(), "the command ends when its server thread dies");
        assertEquals(70, status.get(), bytes.toString(StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("iowait: the chat server stopped: org.iowait.ErrnoException: epoll_wait"), printed);
    }

    private static Set<Integer> epollFds() throws IOException {
        Set<Integer> fds = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path entry : entries) {
                try {
                    if (Files.readSymbolicLink(entry).toString().equals("anon_inode:[eventpoll]")) {
                        fds.add(Integer.parseInt(entry.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // closed while listed
                }
            }
        }
        return fds;
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

    private static void awaitText(ByteArrayOutputStream bytes, String fragment) throws InterruptedException {
        long deadline = ChatFixture.deadline(10_000);
        while (System.nanoTime() < deadline) {
            synchronized (bytes) {
                if (bytes.toString(StandardCharsets.UTF_8).contains(fragment)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("chat never printed '" + fragment + "'");
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
