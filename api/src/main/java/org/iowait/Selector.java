package org.iowait;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Waits for readiness on registered file descriptors: Python's {@code selectors.BaseSelector} in Java.
 * Any fd works (sockets, pipes, ttys, eventfd, JDK channels); see {@link FileDescriptors} for the accepted objects.
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open()) {
 *     selector.register(socketChannel, Selector.READ, "client-1");
 *     for (Ready ready : selector.select(Duration.ofSeconds(1))) {
 *         System.out.println(ready.key().attachment() + " is readable: " + ready.isReadable());
 *     }
 * }
 * }</pre>
 *
 * <p>Rules every implementation keeps (the TCK checks them): events must be a non-empty subset of
 * {@code READ|WRITE}; an fd is registered at most once; a failed native call throws {@link ErrnoException} and
 * leaves the keys as they were; registrations are level-triggered unless another {@link Mode} is asked for;
 * {@code register}, {@code modify}, {@code unregister}, {@code wakeup} and {@code close} may be called from any
 * thread while another thread selects, but only one thread may select at a time; after {@link #close()} every
 * method but {@code close}, {@code isOpen}, {@code backend} and {@code wakeup} (a no-op) throws
 * {@link java.nio.channels.ClosedSelectorException}.
 *
 * <p><b>Unregister before you close an fd.</b> The kernel's interest belongs to the open file, not to the number:
 * with epoll, a registered fd closed while a copy of it lives on (a {@code dup}, a child process that inherited it)
 * stays in the kernel's set, where {@code unregister} can no longer reach it. Its events then arrive under the old
 * number: for a new file registered under that number they are misreported, and the selector has to rebuild its
 * kernel set to get rid of them.
 */
public interface Selector extends AutoCloseable {
    /** Interest in, or readiness for, reading (Python's {@code EVENT_READ}). */
    int READ = 1;
    /** Interest in, or readiness for, writing (Python's {@code EVENT_WRITE}). */
    int WRITE = 2;

    /** Registers level-triggered interest with no attachment. */
    default SelectorKey register(Object fileobj, int events) throws IOException {
        return register(fileobj, events, null, Mode.LEVEL);
    }

    /** Registers level-triggered interest. */
    default SelectorKey register(Object fileobj, int events, Object attachment) throws IOException {
        return register(fileobj, events, attachment, Mode.LEVEL);
    }

    /**
     * Registers interest in {@code events} on {@code fileobj}'s fd.
     *
     * @throws IllegalArgumentException      bad events, an fd below 0, an unsupported object, or an fd already registered
     * @throws UnsupportedOperationException the backend does not offer {@code mode}
     * @throws ErrnoException                the kernel refused the fd; nothing was registered
     */
    SelectorKey register(Object fileobj, int events, Object attachment, Mode mode) throws IOException;

    /** Changes the interest set, keeping the attachment and mode; re-arms a {@link Mode#ONESHOT} key. */
    default SelectorKey modify(Object fileobj, int events) throws IOException {
        return modify(fileobj, events, getKey(fileobj).attachment());
    }

    /**
     * Changes the interest set and attachment, keeping the mode. Changing only the attachment of an armed key makes
     * no system call.
     *
     * @throws java.util.NoSuchElementException the fd is not registered
     */
    SelectorKey modify(Object fileobj, int events, Object attachment) throws IOException;

    /**
     * Removes the registration and returns its key. Works for an fd that was closed (or closed and its number reused)
     * since it was registered.
     *
     * @throws java.util.NoSuchElementException the fd is not registered
     */
    SelectorKey unregister(Object fileobj) throws IOException;

    /** Blocks until at least one registration is ready or {@link #wakeup()} is called. */
    default List<Ready> select() throws IOException {
        return select((Duration) null);
    }

    /**
     * Waits up to {@code timeout} for readiness: {@code null} blocks, zero or negative polls. Never returns early with
     * nothing ready unless woken. Each ready fd appears once.
     */
    default List<Ready> select(Duration timeout) throws IOException {
        List<Ready> ready = new ArrayList<>();
        select(timeout, (key, events) -> ready.add(new Ready(key, events)));
        return ready;
    }

    /** Polls without blocking. */
    default List<Ready> selectNow() throws IOException {
        return select(Duration.ZERO);
    }

    /**
     * Like {@link #select(Duration)}, but hands each ready key to {@code handler} instead of building a list: the
     * allocation-free path for event loops.
     *
     * @return how many keys were handed to {@code handler}
     * @throws IllegalStateException another thread is selecting, or the handler itself calls select
     */
    int select(Duration timeout, ReadyHandler handler) throws IOException;

    /**
     * @return the key of {@code fileobj}'s fd
     * @throws java.util.NoSuchElementException it is not registered
     */
    SelectorKey getKey(Object fileobj);

    /** @return a live, read-only view of the registrations keyed by fd */
    Map<Integer, SelectorKey> keys();

    /**
     * Makes a blocked select return now, or the next select return at once; many calls coalesce, and none blocks.
     */
    void wakeup();

    /** @return the provider's name, e.g. {@code "epoll"} */
    String backend();

    /** @return the modes this selector accepts */
    Set<Mode> modes();

    /** @return {@code false} once {@link #close()} was called */
    boolean isOpen();

    /** Releases every fd and all native memory; a select blocked in another thread returns. Idempotent. */
    @Override
    void close() throws IOException;
}
