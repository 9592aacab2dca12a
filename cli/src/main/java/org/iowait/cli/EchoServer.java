package org.iowait.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback echo server on one {@link EchoLoop}: it accepts, echoes what it reads, and switches a connection to write
 * interest only while the kernel has not taken the whole echo.
 */
final class EchoServer implements AutoCloseable {
    private final EchoLoop loop;
    private final ServerSocketChannel server;
    private final List<Connection> connections = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    EchoServer(EchoLoop loop) throws IOException {
        this.loop = loop;
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.configureBlocking(false);
        loop.register(server, this);
        thread = new Thread(this::serve, "echo-server-" + loop.name());
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    private void serve() {
        try {
            while (running) {
                loop.select(Duration.ofMillis(250), this::ready);
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    private void ready(Object attachment, boolean readable, boolean writable) throws IOException {
        if (attachment == this) {
            SocketChannel client;
            while ((client = server.accept()) != null) {
                client.configureBlocking(false);
                Connection connection = new Connection(client);
                connections.add(connection);
                loop.register(client, connection);
            }
        } else {
            ((Connection) attachment).ready(readable, writable);
        }
    }

    /** Stops the loop and closes every channel; rethrows what failed in the server thread. */
    @Override
    public void close() throws IOException {
        running = false;
        loop.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection connection : connections) {
            connection.channel.close();
        }
        server.close();
        loop.close();
        if (failure != null) {
            throw new IOException("echo server on " + loop.name() + " failed", failure);
        }
    }

    private final class Connection {
        private final SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        private boolean flushing;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void ready(boolean readable, boolean writable) throws IOException {
            if (flushing) {
                if (writable) {
                    flush();
                }
                return;
            }
            if (!readable) {
                return;
            }
            int n = channel.read(buffer);
            if (n < 0) {
                loop.unregister(channel);
                channel.close();
                return;
            }
            buffer.flip();
            flush();
        }

        private void flush() throws IOException {
            channel.write(buffer);
            boolean pending = buffer.hasRemaining();
            if (!pending) {
                buffer.clear();
            }
            if (pending != flushing) {
                flushing = pending;
                loop.wantWrite(channel, pending);
            }
        }
    }
}
