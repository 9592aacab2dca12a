package org.iowait.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

import org.iowait.channels.Buffering;
import org.iowait.channels.PollResult;
import org.iowait.channels.Poller;

/** The echo server on iowait's {@link Poller}, as a user would write it: echo each Received, BYTES or LINE. */
final class PollerEchoServer implements EchoServer {
    private final ServerSocketChannel server;
    private final Poller poller;
    private final Buffering buffering;
    private final Thread thread;
    private volatile boolean running = true;

    PollerEchoServer(Buffering buffering) throws IOException {
        this.buffering = buffering;
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
        poller = new Poller(buffering);
        poller.addServer(server);
        thread = new Thread(this::serve, "poller-echo");
        thread.start();
    }

    private void serve() {
        try {
            while (running) {
                for (PollResult result : poller.poll(Duration.ofMillis(100))) {
                    if (result instanceof PollResult.Received r && r.data().length > 0) {
                        r.channel().write(r.data());
                    }
                }
            }
        } catch (IOException e) {
            if (running) {
                throw new IllegalStateException("the Poller echo server failed", e);
            }
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
        return "iowait Poller (" + buffering + ")";
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join();
        poller.close();
    }
}
