package org.iowait;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.iowait.spi.Timeouts;

/**
 * The Python {@code iowait} package's facade: watch file objects for reading and/or writing, then wait for events,
 * on the best backend available. Level-triggered; one {@link IOEvent} per ready object.
 *
 * <pre>{@code
 * // a, b = socket.socketpair(): a connected pair of JDK sockets on loopback
 * ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
 * SocketChannel a = SocketChannel.open(server.getLocalAddress());
 * SocketChannel b = server.accept();
 * try (IOWait waitobj = new IOWait()) {
 *     waitobj.watch(a, true, false);                          // waitobj.watch(a, read=True)
 *     b.write(ByteBuffer.wrap("this is a test".getBytes()));  // b.sendall('this is a test')
 *     List<IOEvent> events = waitobj.await();                 // [IOEvent(fileobj=a, read=true, write=false)]
 *     a.read(ByteBuffer.allocate(14));                        // a.recv(14)
 *     waitobj.wait(Duration.ZERO);                            // []
 * }
 * }</pre>
 *
 * <p>Python's {@code wait()} with no timeout is {@link #await()} here, because {@code Object.wait()} is final;
 * {@code wait(null)} blocks as well.
 */
public final class IOWait implements AutoCloseable {
    private final Selector selector;
    private boolean closed;

    /** Waits on {@link DefaultSelector#open()}, which this object closes. */
    public IOWait() throws IOException {
        this(DefaultSelector.open());
    }

    /** Waits on {@code selector}, which this object takes over and closes. */
    public IOWait(Selector selector) {
        this.selector = Objects.requireNonNull(selector, "selector is null");
    }

    /**
     * Watches {@code fileobj}; watching it again replaces the interest.
     *
     * @throws IllegalArgumentException neither {@code read} nor {@code write}
     */
    public synchronized void watch(Object fileobj, boolean read, boolean write) throws IOException {
        ensureOpen();
        if (!read && !write) {
            throw new IllegalArgumentException("watch needs read, write or both");
        }
        int events = (read ? Selector.READ : 0) | (write ? Selector.WRITE : 0);
        if (isWatched(fileobj)) {
            selector.modify(fileobj, events);
        } else {
            selector.register(fileobj, events);
        }
    }

    /** @throws NoSuchElementException {@code fileobj} is not watched */
    public synchronized void unwatch(Object fileobj) throws IOException {
        ensureOpen();
        selector.unregister(fileobj);
    }

    /** Blocks until at least one watched object is ready (Python's {@code wait()}). */
    public List<IOEvent> await() throws IOException {
        return wait(null);
    }

    /**
     * Python's {@code wait(timeout)} under the name that cannot be mistaken for {@code Object.wait(long)}: the same as
     * {@link #wait(Duration)}.
     *
     * <pre>{@code
     * List<IOEvent> events = waitobj.await(Duration.ofMillis(100));   // never waitobj.wait(100): that is Object.wait
     * }</pre>
     */
    public List<IOEvent> await(Duration timeout) throws IOException {
        return wait(timeout);
    }

    /**
     * Waits up to {@code timeout} ({@code null} blocks, zero polls) and returns one event per ready object.
     *
     * @throws IllegalStateException nothing is watched (the wait could never end), or this object is closed
     */
    public List<IOEvent> wait(Duration timeout) throws IOException {
        synchronized (this) {
            ensureOpen();
            if (selector.keys().isEmpty()) {
                throw new IllegalStateException("nothing is watched: call watch() before wait()");
            }
        }
        List<IOEvent> events = new ArrayList<>();
        selector.select(timeout, (key, ready) -> events.add(new IOEvent(key.fileobj(),
                (ready & Selector.READ) != 0, (ready & Selector.WRITE) != 0)));
        return events;
    }

    /**
     * Waits for one object without a selector: Python's {@code select.select([f], [], [], t)} (or {@code [f]} in the
     * write list) for one file object, cheap enough to call before every read. On a virtual thread it parks instead
     * of blocking the carrier; {@link Thread#interrupt()} ends it early with 0 and the interrupt status kept set, and
     * a call made with the status already set only polls.
     *
     * <pre>{@code
     * if (IOWait.waitFor(serialPort, Selector.READ, Duration.ofSeconds(1)) != 0) {
     *     int n = serialPort.read(buffer);       // will not block
     * }
     * }</pre>
     *
     * @param fileobj anything {@link FileDescriptors#fdOf} accepts
     * @param events  {@link Selector#READ}, {@link Selector#WRITE} or both
     * @param timeout {@code null} blocks; zero or negative polls
     * @return the ready {@code READ}/{@code WRITE} bits (hang-up and errors count as both, masked by
     *         {@code events}); 0 at the timeout or when interrupted
     * @throws IllegalArgumentException events is 0 or has other bits, or the object has no fd
     * @throws ErrnoException           the fd is closed (EBADF)
     */
    public static int waitFor(Object fileobj, int events, Duration timeout) throws IOException {
        if (events == 0 || (events & ~(Selector.READ | Selector.WRITE)) != 0) {
            throw new IllegalArgumentException("invalid events " + events
                    + ": expected Selector.READ (1), Selector.WRITE (2) or both (3)");
        }
        int fd = FileDescriptors.fdOf(Objects.requireNonNull(fileobj, "fileobj is null"));
        return DefaultSelector.provider().waitFor(fd, events, Timeouts.pollingNanos(timeout));
    }

    /** @return the watched objects with their interest, as events */
    public synchronized List<IOEvent> watched() {
        ensureOpen();
        List<IOEvent> watched = new ArrayList<>();
        for (SelectorKey key : selector.keys().values()) {
            watched.add(new IOEvent(key.fileobj(), (key.events() & Selector.READ) != 0,
                    (key.events() & Selector.WRITE) != 0));
        }
        return watched;
    }

    /** Stops watching everything. */
    public synchronized void clear() throws IOException {
        ensureOpen();
        for (SelectorKey key : List.copyOf(selector.keys().values())) {
            selector.unregister(key.fd());
        }
    }

    /** Closes the selector; idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            selector.close();
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private boolean isWatched(Object fileobj) {
        try {
            selector.getKey(fileobj);
            return true;
        } catch (NoSuchElementException e) {
            return false;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this IOWait is closed");
        }
    }
}
