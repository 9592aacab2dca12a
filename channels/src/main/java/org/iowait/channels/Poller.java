package org.iowait.channels;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.iowait.DefaultSelector;
import org.iowait.FileDescriptors;
import org.iowait.Selector;
import org.iowait.SelectorKey;
import org.iowait.posix.Posix;

/**
 * Polls channels and accepts clients of servers (the seed's {@code Poller}). Not thread-safe: one thread polls.
 *
 * <pre>{@code
 * try (Poller poller = new Poller(Buffering.LINE)) {
 *     poller.addServer(ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 7000)));
 *     for (;;) {
 *         for (PollResult result : poller.poll(null)) {
 *             if (result instanceof PollResult.Received r && r.data().length > 0) {
 *                 r.channel().write(r.data());                       // echo each line
 *             }
 *         }
 *     }
 * }
 * }</pre>
 */
public final class Poller implements AutoCloseable {
    private final Buffering buffering;
    private final Selector selector;

    /** A byte-buffered poller on {@link DefaultSelector}. */
    public Poller() throws IOException {
        this(Buffering.BYTES);
    }

    /** @param buffering what accepted clients get */
    public Poller(Buffering buffering) throws IOException {
        this(buffering, DefaultSelector.open());
    }

    /** @param selector the selector to poll with; the poller closes it */
    public Poller(Buffering buffering, Selector selector) {
        this.buffering = Objects.requireNonNull(buffering, "buffering is null");
        this.selector = Objects.requireNonNull(selector, "selector is null");
    }

    /**
     * @return the backend this poller's selector runs on, e.g. {@code "epoll"}; {@code iowait-channels} alone brings
     *         only the poll backend, so add {@code iowait-backend-epoll} (or kqueue, devpoll) for a faster one
     */
    public String backend() {
        return selector.backend();
    }

    /** Watches {@code channel} for reading. */
    public void register(Channel channel) throws IOException {
        selector.register(channel.fd(), Selector.READ, channel);
    }

    /**
     * Watches a listening socket; its clients are accepted and registered by {@link #poll}.
     *
     * @param server a JDK {@link ServerSocketChannel} (TCP or Unix-domain) or an {@code Integer} listening fd
     */
    public void addServer(Object server) throws IOException {
        if (server instanceof ServerSocketChannel channel) {
            channel.configureBlocking(false);
        } else if (server instanceof Integer fd) {
            Posix.setNonBlocking(fd, true);
        } else {
            throw new IllegalArgumentException("a server is a ServerSocketChannel or an Integer listening fd, not "
                    + (server == null ? "null" : server.getClass().getName()));
        }
        selector.register(FileDescriptors.fdOf(server), Selector.READ, new Server(server));
    }

    /** Stops watching a channel or server; does nothing when it is not registered. */
    public void unregister(Object channelOrServer) throws IOException {
        for (SelectorKey key : List.copyOf(selector.keys().values())) {
            Object attachment = key.attachment();
            if (attachment == channelOrServer
                    || attachment instanceof Server s && s.socket == channelOrServer) {
                selector.unregister(key.fd());
            }
        }
    }

    /** Closes every registered channel and server. */
    public void closeAll() throws IOException {
        IOException failure = null;
        for (SelectorKey key : List.copyOf(selector.keys().values())) {
            try {
                selector.unregister(key.fd());
                if (key.attachment() instanceof Server server) {
                    server.close();
                } else {
                    ((Channel) key.attachment()).close();
                }
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Waits up to {@code timeout} (null: forever) and collects what is ready: a {@code Received} per line (LINE) or per
     * read (BYTES), an {@code Accepted} per new client. At end of stream a channel's remaining lines come first, then
     * a {@code Received} with no data, and the channel is unregistered.
     */
    public List<PollResult> poll(Duration timeout) throws IOException {
        List<SelectorKey> ready = new ArrayList<>();
        selector.select(timeout, (key, events) -> ready.add(key));
        List<PollResult> results = new ArrayList<>();
        for (SelectorKey key : ready) {
            if (key.attachment() instanceof Server server) {
                accept(server, results);
            } else {
                receive((Channel) key.attachment(), key.fd(), results);
            }
        }
        return results;
    }

    private void accept(Server server, List<PollResult> results) throws IOException {
        for (;;) {
            SocketChannel client;
            SocketAddress address;
            if (server.socket instanceof ServerSocketChannel jdk) {
                java.nio.channels.SocketChannel accepted = jdk.accept();
                if (accepted == null) {
                    return;
                }
                client = new SocketChannel(accepted, buffering);
                address = client.remoteAddress();
            } else {
                int fd = Posix.accept((Integer) server.socket);
                if (fd == Posix.WOULD_BLOCK) {
                    return;
                }
                client = new SocketChannel(fd, buffering);
                address = null;
            }
            register(client);
            results.add(new PollResult.Accepted(address, client, server.socket));
        }
    }

    private void receive(Channel channel, int fd, List<PollResult> results) throws IOException {
        try {
            do {
                byte[] data = channel.read();
                if (data.length == 0) {
                    return;
                }
                results.add(new PollResult.Received(data, channel));
            } while (channel.buffering() == Buffering.LINE);
        } catch (EndpointClosedException e) {
            results.add(new PollResult.Received(new byte[0], channel));
            try {
                selector.unregister(fd);
            } catch (NoSuchElementException alreadyGone) {
                // unregistered meanwhile
            }
        }
    }

    /** Closes every channel and server, then the selector. */
    @Override
    public void close() throws IOException {
        try {
            closeAll();
        } finally {
            selector.close();
        }
    }

    private record Server(Object socket) {
        void close() throws IOException {
            if (socket instanceof ServerSocketChannel channel) {
                channel.close();
            } else {
                Posix.close((Integer) socket);
            }
        }
    }
}
