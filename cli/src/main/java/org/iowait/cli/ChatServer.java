package org.iowait.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.iowait.channels.Buffering;
import org.iowait.channels.Channel;
import org.iowait.channels.EndpointClosedException;
import org.iowait.channels.PollResult;
import org.iowait.channels.Poller;

/** A line-based chat room on a {@link Poller}: every line a client sends goes to every other client. */
final class ChatServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Poller poller;
    private final List<Channel> clients = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Why the server thread ended, if it did not end on {@link #close()}: the command reports it and fails. */
    private volatile Throwable failure;

    ChatServer(String host, int port) throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(host, port));
        poller = new Poller(Buffering.LINE);
        poller.addServer(server);
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
            clients.add(accepted.client());
        } else if (result instanceof PollResult.Received received) {
            if (received.data().length == 0) {
                clients.remove(received.channel());
                received.channel().close();
                return;
            }
            for (Channel client : List.copyOf(clients)) {
                if (client != received.channel()) {
                    try {
                        client.write(received.data());
                    } catch (EndpointClosedException gone) {
                        clients.remove(client);
                        poller.unregister(client);
                        client.close();
                    }
                }
            }
        }
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
