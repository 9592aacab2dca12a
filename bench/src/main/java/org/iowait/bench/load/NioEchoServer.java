package org.iowait.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The same echo server on {@link java.nio.channels.Selector}, written the usual way: one buffer per connection, read,
 * write back, and wait for OP_WRITE only when the socket did not take everything.
 */
final class NioEchoServer implements EchoServer {
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread thread;
    private volatile boolean running = true;

    NioEchoServer() throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
        server.configureBlocking(false);
        selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::serve, "nio-echo");
        thread.start();
    }

    private void serve() {
        try {
            while (running) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        echo(key);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                throw new IllegalStateException("the NIO echo server failed", e);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel client;
        while ((client = server.accept()) != null) {
            client.configureBlocking(false);
            client.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true); // as Poller and Netty set it
            client.register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(64 * 1024));
        }
    }

    private static void echo(SelectionKey key) throws IOException {
        SocketChannel client = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        try {
            if (key.isWritable()) {
                client.write(buffer);
                if (!buffer.hasRemaining()) {
                    buffer.clear();
                    key.interestOps(SelectionKey.OP_READ);
                }
                return;
            }
            int n = client.read(buffer);
            if (n < 0) {
                key.cancel();
                client.close();
                return;
            }
            buffer.flip();
            client.write(buffer);
            if (buffer.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE); // the rest goes out when writable
            } else {
                buffer.clear();
            }
        } catch (IOException gone) {
            key.cancel();
            client.close();
        }
    }

    @Override
    public int port() {
        return server.socket().getLocalPort();
    }

    @Override
    public Thread eventLoop() {
        return thread;
    }

    @Override
    public String name() {
        return "JDK NIO Selector";
    }

    @Override
    public void close() throws Exception {
        running = false;
        selector.wakeup();
        thread.join();
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
