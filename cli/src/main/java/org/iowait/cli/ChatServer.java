package org.iowait.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.iowait.channels.Buffering;
import org.iowait.channels.Channel;
import org.iowait.channels.PollResult;
import org.iowait.channels.Poller;

/**
 * A line-based chat room on a {@link Poller}: every line a client sends goes to every other client as
 * {@code name> line}. A client's name is its address ({@code 127.0.0.1:50312}) until it sends {@code /nick NAME}
 * (1 to 32 letters, digits, {@code _ . -}, not taken); a name never contains {@code :}, so no one can pose as an
 * address or as another client.
 * <p>
 * The rules a client can rely on:
 * <ul>
 * <li>every whole line a client sent before it left reaches the others, in order; bytes pass unchanged (binary,
 * {@code \r\n}, empty lines);</li>
 * <li>a departing client's last unterminated fragment, when it closed normally, is delivered as its own line with a
 * {@code \n} added; it is dropped when the connection was reset or broke a limit. It is never joined to anyone
 * else's words;</li>
 * <li>a line longer than the maximum (default 1 MiB) or a client that stops reading (more than 4 MiB waiting for
 * it) gets that client disconnected; the log says why, and the others never wait for it.</li>
 * </ul>
 */
final class ChatServer implements AutoCloseable {
    private static final int BACKLOG = 1024;
    private static final byte[] NEWLINE = {'\n'};

    private final ServerSocketChannel server;
    private final Poller poller;
    private final PrintStream log;
    private final Map<Channel, String> names = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Why the server thread ended, if it did not end on {@link #close()}: the command reports it and fails. */
    private volatile Throwable failure;

    ChatServer(String host, int port) throws IOException {
        this(host, port, new PrintStream(OutputStream.nullOutputStream()));
    }

    /** @param log where joins, departures and their reasons are written, one line each */
    ChatServer(String host, int port, PrintStream log) throws IOException {
        this.log = log;
        server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(host, port), BACKLOG);
            poller = new Poller(Buffering.LINE);
            poller.addServer(server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        thread = new Thread(this::serve, "chat");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    private void serve() {
        try {
            while (running) {
                for (PollResult result : poller.poll(Duration.ofMillis(200))) {
                    handle(result);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            if (running) {
                failure = e;
            }
        }
    }

    /** @return what killed the server thread, or null while it runs or after a requested stop */
    Throwable failure() {
        return failure;
    }

    private void handle(PollResult result) throws IOException {
        if (result instanceof PollResult.Accepted accepted) {
            String name = addressName(accepted.address(), accepted.client());
            names.put(accepted.client(), name);
            log.println("+ " + name + " joined");
        } else if (result instanceof PollResult.Received received) {
            String name = names.get(received.channel());
            if (name == null) {
                return;
            }
            byte[] line = received.data();
            if (line.length == 0) {
                names.remove(received.channel());
                log.println("- " + name + " left");
            } else if (!nick(received.channel(), name, line)) {
                broadcast(received.channel(), name, line);
            }
        } else if (result instanceof PollResult.Closed closed) {
            String name = names.remove(closed.channel());
            if (name != null) {
                log.println("- " + name + " disconnected: " + closed.cause().getMessage());
            }
        }
    }

    private void broadcast(Channel from, String name, byte[] line) throws IOException {
        boolean terminated = line[line.length - 1] == '\n';
        byte[] prefix = (name + "> ").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + line.length + (terminated ? 0 : 1)];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(line, 0, message, prefix.length, line.length);
        if (!terminated) {
            message[message.length - 1] = '\n'; // a departing client's fragment, made its own line
        }
        for (Channel client : List.copyOf(names.keySet())) {
            if (client != from) {
                client.write(message); // never blocks: the poller queues, and drops a client that stops reading
            }
        }
    }

    /** @return true when {@code line} was a {@code /nick} command (answered to its sender only) */
    private boolean nick(Channel from, String name, byte[] line) throws IOException {
        String text = new String(line, StandardCharsets.UTF_8).strip();
        if (!text.equals("/nick") && !text.startsWith("/nick ")) {
            return false;
        }
        String wanted = text.substring("/nick".length()).strip();
        String refusal = !wanted.matches("[A-Za-z0-9_.-]{1,32}") ? "a name is 1 to 32 letters, digits, '_', '.' or '-'"
                : names.containsValue(wanted) && !wanted.equals(name) ? "'" + wanted + "' is taken" : null;
        if (refusal != null) {
            from.write(("* " + refusal + "\n").getBytes(StandardCharsets.UTF_8));
            return true;
        }
        names.put(from, wanted);
        log.println("* " + name + " is now " + wanted);
        from.write(("* you are now " + wanted + "\n").getBytes(StandardCharsets.UTF_8));
        return true;
    }

    private static String addressName(SocketAddress address, Channel client) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return "fd:" + client.fd();
    }

    /** Blocks until the server thread ends (it runs until {@link #close()}). */
    void join() throws InterruptedException {
        thread.join();
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poller.close();
    }
}
