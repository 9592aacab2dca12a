package org.iowait.channels;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.iowait.DefaultSelector;
import org.iowait.Selector;
import org.iowait.spi.Timeouts;

/**
 * A server's event loop over channels (the seed's {@code Poller}): it reads them, accepts clients of servers, and
 * writes for them without ever blocking, so it survives any peer.
 * <ul>
 * <li><b>Output:</b> a {@link SocketChannel}, {@link PipeChannel} or {@link TestChannel} registered here never blocks
 * in {@code write}: what the kernel does not take is queued and flushed, in order, when the sink is writable. Past
 * {@link #setMaxQueuedOutput} (default 4 MiB) the peer counts as not reading and is closed.</li>
 * <li><b>Input:</b> a channel is read from the kernel once per {@code poll()} (what is left there is reported
 * ready again next round), and at most {@link #setReadBudget} bytes (default 64 KiB) are delivered from it per
 * round, so a fast sender cannot starve the others; a LINE channel's line is at most {@link #setMaxLineLength} bytes
 * (default 1 MiB).</li>
 * <li><b>Endings:</b> end of stream is reported once as {@code Received(empty, channel)} after the remaining lines;
 * the channel is then read no more and closed (its fd freed) at the next {@code poll()} once its queued output is
 * flushed. A read error or a limit is reported once as {@link PollResult.Closed} and the channel is closed at once. When
 * a write finds a socket's peer gone, its output is dropped but what it sent before is still read and delivered; its
 * end is then reported as above. Either way nothing read from other channels in the same round is lost.</li>
 * <li><b>Accepting:</b> clients inherit the poller's buffering and limits, and TCP clients get {@code TCP_NODELAY}
 * (each message goes out as it is written, not held back for the peer's delayed ACK); when accept fails (EMFILE,
 * ENFILE) the server is paused, not retried in a loop, until a channel closes or a quarter second passes.</li>
 * </ul>
 * Closing a channel yourself is fine at any time (do it on the polling thread to free the fd at once); a later
 * client that gets the same fd number is registered normally. One thread polls, registers and unregisters; any
 * thread may write.
 *
 * <pre>{@code
 * try (Poller poller = new Poller(Buffering.LINE)) {
 *     poller.addServer(ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 7000)));
 *     for (;;) {
 *         for (PollResult result : poller.poll(null)) {
 *             if (result instanceof PollResult.Received r && r.data().length > 0) {
 *                 r.channel().write(r.data());                       // echo each line; never blocks
 *             }
 *         }
 *     }
 * }
 * }</pre>
 */
public final class Poller implements AutoCloseable {
    /** The default {@link #setReadBudget read budget}: 64 KiB per channel per {@code poll()}. */
    public static final int DEFAULT_READ_BUDGET = 64 * 1024;
    /**
     * Ready channels served per {@code poll()}. With a thousand clients ready at once, a poll that read them all before
     * the caller could answer any would hold the first one's reply for a thousand reads; slices keep that to a few
     * dozen, while every client found ready by one select is still served before the selector is asked again.
     */
    static final int SLICE = 64;

    private final Buffering buffering;
    private final Selector selector;
    private final Map<Channel, Registration> channels = new IdentityHashMap<>();
    private final Map<Object, Acceptor> servers = new LinkedHashMap<>();
    /** LINE channels whose read budget ran out with lines still buffered: read on, even with the kernel quiet. */
    private final Set<Registration> carry = new LinkedHashSet<>();
    /** Channels whose end of stream was reported: closed at the next poll once their output is flushed. */
    private final Set<Registration> ending = new LinkedHashSet<>();
    /** Channels that wrote, failed or closed, possibly on other threads: looked at by the polling thread. */
    private final Queue<FdChannel> notices = new ConcurrentLinkedQueue<>();
    private final FdChannel.Driver driver = new Notices();
    private final Interests interests;
    /** What the last select found ready, served {@link #SLICE} at a time from {@code nextReady} on. */
    private final List<Object> readyAttachments = new ArrayList<>();
    private final List<Integer> readyEvents = new ArrayList<>();
    private int nextReady;
    private volatile Thread owner = Thread.currentThread();
    private int maxLineLength = LineReader.DEFAULT_MAX_LINE_LENGTH;
    private long maxQueuedOutput = FdChannel.DEFAULT_MAX_QUEUED_OUTPUT;
    private int readBudget = DEFAULT_READ_BUDGET;
    private boolean fdFreed;
    private long round;

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
        this.interests = new Interests(selector, this::forget);
    }

    /**
     * @return the backend this poller's selector runs on, e.g. {@code "epoll"}; {@code iowait-channels} brings no
     *         backend of its own, so add one such as {@code iowait-backend-epoll} (Linux), {@code -kqueue},
     *         {@code -devpoll} or the portable {@code iowait-backend-poll}
     */
    public String backend() {
        return selector.backend();
    }

    /**
     * Sets the maximum line length of the clients accepted from now on (LINE mode); a client past it is reported as
     * {@link PollResult.Closed} with a {@link LimitExceededException} and closed. A channel you register yourself
     * keeps its own {@link SocketChannel#setMaxLineLength limit}.
     *
     * @param bytes at least 1 (default 1 MiB)
     */
    public void setMaxLineLength(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("the maximum line length must be at least 1 byte, got " + bytes);
        }
        maxLineLength = bytes;
    }

    /**
     * Sets the output limit of the clients accepted from now on: a peer with more queued output is taken as not
     * reading, reported as {@link PollResult.Closed} with a {@link LimitExceededException} and closed. A channel you
     * register yourself keeps its own {@link SocketChannel#setMaxQueuedOutput limit}.
     *
     * @param bytes at least 1 (default 4 MiB)
     */
    public void setMaxQueuedOutput(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("the maximum queued output must be at least 1 byte, got " + bytes);
        }
        maxQueuedOutput = bytes;
    }

    /**
     * Sets how many bytes one channel may deliver per {@code poll()} (at least one line or one read is always taken);
     * the rest waits for the next round.
     *
     * @param bytes at least 1 (default {@link #DEFAULT_READ_BUDGET})
     */
    public void setReadBudget(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("the read budget must be at least 1 byte, got " + bytes);
        }
        readBudget = bytes;
    }

    /**
     * Watches {@code channel} for reading, and drives its writes (see the class description).
     *
     * @throws IllegalArgumentException the channel is closed or already registered, or its fd is another open
     *                                  channel's
     * @throws UnsupportedOperationException the channel cannot be read
     */
    public void register(Channel channel) throws IOException {
        Objects.requireNonNull(channel, "channel is null");
        if (channels.containsKey(channel)) {
            throw new IllegalArgumentException("the channel is already registered with this poller");
        }
        if (channel instanceof LineReader reader && reader.isClosed()) {
            throw new IllegalArgumentException("the channel is closed");
        }
        Registration r = new Registration(channel);
        if (r.driven != null) {
            r.driven.drive(driver);
        }
        try {
            interests.update(r);
        } catch (IOException | RuntimeException e) {
            interests.remove(r);
            if (r.driven != null) {
                r.driven.release(driver);
            }
            throw e;
        }
        channels.put(channel, r);
    }

    /**
     * Watches a listening socket; its clients are accepted and registered by {@link #poll}.
     *
     * @param server a JDK {@link ServerSocketChannel} (TCP or Unix-domain) or an {@code Integer} listening fd
     */
    public void addServer(Object server) throws IOException {
        if (server != null && servers.containsKey(server)) {
            throw new IllegalArgumentException("the server is already added to this poller");
        }
        Acceptor acceptor = new Acceptor(server);
        interests.watch(acceptor.fd, Selector.READ, acceptor);
        servers.put(server, acceptor);
    }

    /** Stops watching a channel or server without closing it; does nothing when it is not registered. */
    public void unregister(Object channelOrServer) throws IOException {
        Registration r = channelOrServer instanceof Channel c ? channels.get(c) : null;
        if (r != null) {
            forget(r);
            return;
        }
        Acceptor acceptor = channelOrServer == null ? null : servers.remove(channelOrServer);
        if (acceptor != null && !acceptor.isPaused()) {
            interests.unwatch(acceptor.fd, acceptor);
        }
    }

    /** Closes every registered channel (dropping queued output) and server. */
    public void closeAll() throws IOException {
        IOException failure = null;
        for (Registration r : List.copyOf(channels.values())) {
            try {
                forget(r);
                r.channel.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        for (Acceptor acceptor : List.copyOf(servers.values())) {
            try {
                unregister(acceptor.socket);
                acceptor.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Waits up to {@code timeout} (null: forever) and collects what is ready: a {@code Received} per line (LINE) or
     * per read (BYTES), an {@code Accepted} per new client, a {@code Closed} per channel closed for an error or a
     * limit. Queued output is flushed on the way. One call serves at most 64 of the channels a select found ready, so
     * the replies to the first can go out before the rest are read; the next calls serve the others, without waiting,
     * before the selector is asked again. Returns at once when results from the last round are pending.
     */
    public List<PollResult> poll(Duration timeout) throws IOException {
        owner = Thread.currentThread();
        round++;
        List<PollResult> results = new ArrayList<>();
        drainNotices(results);
        closeFlushedEndings();
        long now = System.nanoTime();
        long retry = resumeServers(now);
        if (nextReady == readyAttachments.size()) {
            long wait = results.isEmpty() && carry.isEmpty() ? Timeouts.pollingNanos(timeout) : 0;
            if (retry >= 0 && (wait < 0 || retry < wait)) {
                wait = retry;
            }
            readyAttachments.clear();
            readyEvents.clear();
            nextReady = 0;
            selector.select(wait < 0 ? null : Duration.ofNanos(wait), (key, events) -> {
                readyAttachments.add(key.attachment());
                readyEvents.add(events);
            });
        }
        int end = Math.min(readyAttachments.size(), nextReady + SLICE);
        for (int i = nextReady; i < end; i++) {
            Object attachment = readyAttachments.get(i);
            int events = readyEvents.get(i);
            if (attachment instanceof Acceptor acceptor) {
                if (servers.get(acceptor.socket) == acceptor && !acceptor.isPaused()) {
                    accept(acceptor, results);
                }
            } else if (attachment instanceof Registration r && channels.get(r.channel) == r) {
                if (r.isClosed()) {
                    forget(r); // closed by its owner on another thread: its fd may already name something else
                    continue;
                }
                if ((events & Selector.WRITE) != 0 && r.writing) {
                    flush(r);
                }
                if ((events & Selector.READ) != 0 && r.reading && channels.get(r.channel) == r) {
                    receive(r, results);
                }
            }
        }
        nextReady = end;
        for (Registration r : carry.isEmpty() ? List.<Registration>of() : List.copyOf(carry)) {
            if (channels.get(r.channel) == r) {
                receive(r, results);
            }
        }
        drainNotices(results);
        return results;
    }

    private void accept(Acceptor acceptor, List<PollResult> results) throws IOException {
        List<SocketAddress> addresses = new ArrayList<>();
        List<SocketChannel> clients = acceptor.accept(buffering, addresses);
        for (int i = 0; i < clients.size(); i++) {
            SocketChannel client = clients.get(i);
            client.setMaxLineLength(maxLineLength);
            client.setMaxQueuedOutput(maxQueuedOutput);
            try {
                register(client);
            } catch (IOException | RuntimeException e) {
                client.close(); // the selector cannot watch it (e.g. select(2) and fd >= 1024): refuse the client
                continue;
            }
            results.add(new PollResult.Accepted(addresses.get(i), client, acceptor.socket));
        }
        if (acceptor.isPaused()) {
            interests.unwatch(acceptor.fd, acceptor);
        }
    }

    /** @return nanoseconds until the next paused server should try again, or -1 when none is paused */
    private long resumeServers(long now) throws IOException {
        long next = -1;
        boolean freed = fdFreed;
        fdFreed = false;
        for (Acceptor acceptor : servers.values()) {
            if (acceptor.isPaused() && (freed || acceptor.retryDue(now))) {
                acceptor.resume();
                interests.watch(acceptor.fd, Selector.READ, acceptor);
            }
            long until = acceptor.untilRetry(now);
            if (until >= 0 && (next < 0 || until < next)) {
                next = until;
            }
        }
        return next;
    }

    private void receive(Registration r, List<PollResult> results) throws IOException {
        if (r.lastRead == round) {
            return;
        }
        r.lastRead = round;
        long taken = 0;
        boolean budgetSpent = false;
        try {
            // One read from the kernel per round, then the lines it completed: the selector is level-triggered, so
            // bytes still in the kernel are reported next round, and reading on until EAGAIN would cost a system call
            // per client per round for nothing.
            for (byte[] data = r.channel.read(); data.length > 0; data = bufferedLine(r.channel)) {
                results.add(new PollResult.Received(data, r.channel));
                taken += data.length;
                if (r.channel.buffering() != Buffering.LINE) {
                    break;
                }
                if (taken >= readBudget) {
                    budgetSpent = true;
                    break;
                }
            }
            if (budgetSpent) {
                carry.add(r);
            } else if (!carry.isEmpty()) {
                carry.remove(r);
            }
        } catch (EndpointClosedException e) {
            if (r.isClosed()) {
                forget(r);
                return;
            }
            results.add(new PollResult.Received(new byte[0], r.channel));
            r.ended = true;
            r.reading = false;
            carry.remove(r);
            ending.add(r);
            interests.update(r);
        } catch (IOException e) {
            results.add(new PollResult.Closed(r.channel, e));
            dispose(r);
        }
    }

    /** @return the next line {@code channel} holds already (empty if none), from the kernel only when it is not ours */
    private static byte[] bufferedLine(Channel channel) throws IOException {
        return channel instanceof LineReader reader ? reader.bufferedLine() : channel.read();
    }

    private void flush(Registration r) throws IOException {
        if (!r.driven.flush() || r.driven.failure() != null) {
            return; // more to write later; or failed, which a notice reports
        }
        if (r.ended) {
            dispose(r);
        } else {
            r.writing = false;
            interests.update(r);
        }
    }

    private void drainNotices(List<PollResult> results) throws IOException {
        FdChannel channel;
        while ((channel = notices.poll()) != null) {
            Registration r = channels.get(channel);
            if (r == null) {
                continue;
            }
            if (r.isClosed()) {
                forget(r);
                continue;
            }
            IOException failure = channel.failure();
            if (failure instanceof EndpointClosedException && r.reading && r.writeFd == r.readFd) {
                // The connection is gone, but what the peer sent before it went is still to be read: keep reading,
                // and let its end of stream (or read error) report it once.
                r.writing = false;
                interests.update(r);
            } else if (failure != null) {
                if (!r.ended) {
                    results.add(new PollResult.Closed(channel, failure));
                }
                dispose(r);
            } else if (!r.writing && channel.hasQueuedOutput()) {
                r.writing = true;
                interests.update(r);
            }
        }
    }

    private void closeFlushedEndings() throws IOException {
        for (Registration r : ending.isEmpty() ? List.<Registration>of() : List.copyOf(ending)) {
            if (r.isClosed()) {
                forget(r);
            } else if (r.driven == null || !r.driven.hasQueuedOutput()) {
                dispose(r);
            } else if (!r.writing) {
                r.writing = true;
                interests.update(r);
            }
        }
    }

    /** Stops tracking {@code r} without closing it. */
    private void forget(Registration r) throws IOException {
        channels.remove(r.channel, r);
        carry.remove(r);
        ending.remove(r);
        if (r.driven != null) {
            r.driven.release(driver);
        }
        interests.remove(r);
    }

    /** Stops tracking {@code r} and closes it; a paused server may accept again. */
    private void dispose(Registration r) throws IOException {
        forget(r);
        try {
            r.channel.close();
        } catch (IOException e) {
            // the fd is released whatever close reports; the result was already given
        }
        fdFreed = true;
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

    /** Channel events from any thread, handed to the polling thread. */
    private final class Notices implements FdChannel.Driver {
        @Override
        public void wantsWrite(FdChannel channel) {
            notify(channel);
        }

        @Override
        public void failed(FdChannel channel) {
            notify(channel);
        }

        @Override
        public void closing(FdChannel channel) {
            Registration r = Thread.currentThread() == owner ? channels.get(channel) : null;
            if (r == null) {
                notify(channel);
                return;
            }
            try {
                forget(r); // before the fd is closed, so no key outlives it
                fdFreed = true;
            } catch (IOException e) {
                notify(channel);
            }
        }

        private void notify(FdChannel channel) {
            notices.add(channel);
            if (Thread.currentThread() != owner && selector.isOpen()) {
                try {
                    selector.wakeup();
                } catch (RuntimeException closedMeanwhile) {
                    // the poller was closed: nothing is waiting for this notice
                }
            }
        }
    }
}
