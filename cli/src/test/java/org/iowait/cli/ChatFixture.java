package org.iowait.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the chat tests share: deadlines scaled for slow machines, a client on a real socket, the server's log. */
final class ChatFixture {
    /** {@code -Diowait.tck.timeoutFactor}, as the TCK reads it: stretches every deadline here. */
    static final double FACTOR = factor();
    private static final Pattern BOUND = Pattern.compile("chat on 127\\.0\\.0\\.1:(\\d+) ");

    private ChatFixture() {
    }

    private static double factor() {
        try {
            double value = Double.parseDouble(System.getProperty("iowait.tck.timeoutFactor", "1"));
            return value > 0 ? value : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static long scaledMillis(long millis) {
        return (long) (millis * FACTOR);
    }

    /** @return the deadline {@code millis} (scaled) from now, on the monotonic clock */
    static long deadline(long millis) {
        return System.nanoTime() + scaledMillis(millis) * 1_000_000L;
    }

    /** A chat client on a real loopback socket; reads whole lines as bytes, with a scaled timeout. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        /** How the server names this client until it picks a nick. */
        final String name;

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true); // each line is one write: Nagle with delayed ACKs would hold it up to 40 ms
            socket.setSoTimeout((int) scaledMillis(20_000));
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
            name = "127.0.0.1:" + socket.getLocalPort();
        }

        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** @return the next line with its '\n' stripped, as bytes; throws at end of stream */
        byte[] readLineBytes() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (;;) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("end of stream after " + line.size() + " bytes of a line");
                }
                if (b == '\n') {
                    return line.toByteArray();
                }
                line.write(b);
            }
        }

        String readLine() throws IOException {
            return new String(readLineBytes(), StandardCharsets.UTF_8);
        }

        /** @return true when the server closed this connection (end of stream or reset) within the timeout */
        boolean awaitClosedByServer() throws IOException {
            try {
                while (in.read() >= 0) {
                    // discard what was still on its way
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The server's log: joins, departures and their reasons, one line each; waitable. */
    static final class Log extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** Waits until the log holds {@code count} occurrences of {@code fragment}; fails at the deadline. */
        synchronized void await(String fragment, int count) throws InterruptedException {
            long deadline = deadline(20_000);
            while (occurrences(text(), fragment) < count) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new AssertionError("the chat log never had " + count + " x '" + fragment + "':\n" + tail());
                }
                wait(left);
            }
        }

        private String tail() {
            String text = text();
            return text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text;
        }
    }

    static int occurrences(String text, String fragment) {
        int count = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + fragment.length())) {
            count++;
        }
        return count;
    }

    /** The chat command in its own JVM, for what needs a process: a heap limit, an fd limit, RSS and CPU time. */
    static final class ServerProcess implements AutoCloseable {
        final Process process;
        final Path out;
        final int port;

        ServerProcess(Path dir, List<String> prefix, String... jvmOptions) throws IOException, InterruptedException {
            out = dir.resolve("chat-" + System.nanoTime() + ".out");
            List<String> command = new ArrayList<>(prefix);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of("--add-opens", "java.base/java.io=ALL-UNNAMED",
                    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"));
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "chat", "--port", "0", "--debug"));
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            port = awaitPort();
        }

        private int awaitPort() throws IOException, InterruptedException {
            long deadline = deadline(30_000);
            while (System.nanoTime() < deadline) {
                Matcher m = BOUND.matcher(log());
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the chat server exited with " + process.exitValue() + ":\n" + log());
                }
                Thread.sleep(20);
            }
            throw new AssertionError("the chat server never printed its port:\n" + log());
        }

        String log() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        /** Waits until the log holds {@code count} occurrences of {@code fragment}. */
        void await(String fragment, int count) throws IOException, InterruptedException {
            long deadline = deadline(30_000);
            while (occurrences(log(), fragment) < count) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    String log = log();
                    throw new AssertionError("the chat log never had " + count + " x '" + fragment + "' (alive: "
                            + process.isAlive() + "):\n" + (log.length() > 3000 ? log.substring(log.length() - 3000) : log));
                }
                Thread.sleep(20);
            }
        }

        /** @return the server's resident set in KiB, from /proc/PID/status */
        long rssKiB() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IOException("no VmRSS for " + process.pid());
        }

        /** @return user + system CPU time of the server so far, in clock ticks (/proc/PID/stat fields 14 and 15) */
        long cpuTicks() throws IOException {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(scaledMillis(10_000), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
