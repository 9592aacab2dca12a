package org.iowait.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;


import org.iowait.ErrnoException;
import org.iowait.posix.Errno;
import org.iowait.posix.PollCall;
import org.iowait.posix.PollEvents;
import org.iowait.posix.PollFdArray;
import org.iowait.spi.Timeouts;

/**
 * Python's {@code select.poll} object: a set of fds with event masks, polled with one call. Not thread-safe; it holds
 * native memory, so close it.
 *
 * <pre>{@code
 * try (Poll poll = new Poll()) {
 *     poll.register(fd, Poll.POLLIN);
 *     for (Poll.Event e : poll.poll(Duration.ofSeconds(1))) {
 *         if ((e.revents() & Poll.POLLIN) != 0) read(e.fd());
 *     }
 * }
 * }</pre>
 */
public final class Poll implements AutoCloseable {
    public static final short POLLIN = PollEvents.POLLIN;
    public static final short POLLPRI = PollEvents.POLLPRI;
    public static final short POLLOUT = PollEvents.POLLOUT;
    public static final short POLLERR = PollEvents.POLLERR;
    public static final short POLLHUP = PollEvents.POLLHUP;
    public static final short POLLNVAL = PollEvents.POLLNVAL;
    /** The peer shut down writing; this OS's value (Linux 0x2000, FreeBSD and illumos 0x4000), 0 where absent. */
    public static final short POLLRDHUP = PollEvents.POLLRDHUP;

    /** One ready fd and what poll(2) wrote in its {@code revents}. */
    public record Event(int fd, short revents) {
    }

    private final Map<Integer, Short> registered = new LinkedHashMap<>();
    private final PollFdArray array = new PollFdArray(16);
    private boolean closed;

    /**
     * Watches {@code fd} for {@code events}; registering it again replaces its mask, as in Python.
     *
     * @throws IllegalArgumentException {@code fd} is negative
     */
    public void register(int fd, short events) {
        ensureOpen();
        if (fd < 0) {
            throw new IllegalArgumentException("fd must not be negative: " + fd);
        }
        registered.put(fd, events);
    }

    /** @throws NoSuchElementException {@code fd} is not registered */
    public void modify(int fd, short events) {
        ensureOpen();
        if (!registered.containsKey(fd)) {
            throw new NoSuchElementException("fd " + fd + " is not registered");
        }
        registered.put(fd, events);
    }

    /** @throws NoSuchElementException {@code fd} is not registered */
    public void unregister(int fd) {
        ensureOpen();
        if (registered.remove(fd) == null) {
            throw new NoSuchElementException("fd " + fd + " is not registered");
        }
    }

    /** @return the registered fds and masks, in registration order */
    public Map<Integer, Short> registered() {
        ensureOpen();
        return Collections.unmodifiableMap(registered);
    }

    /**
     * Waits up to {@code timeout} (null or negative: forever; rounded up to milliseconds) and returns the fds whose
     * {@code revents} are non-zero. EINTR is retried with the remaining time.
     */
    public List<Event> poll(Duration timeout) throws ErrnoException {
        ensureOpen();
        int count = registered.size();
        array.ensureCapacity(count);
        int i = 0;
        for (Map.Entry<Integer, Short> entry : registered.entrySet()) {
            array.set(i++, entry.getKey(), entry.getValue());
        }
        long timeoutNanos = Timeouts.blockingNanos(timeout);
        long start = System.nanoTime();
        for (;;) {
            int n = PollCall.poll(array.address(), count, Timeouts.millis(Timeouts.remaining(timeoutNanos, start)));
            if (n >= 0) {
                List<Event> events = new ArrayList<>(n);
                for (int j = 0; j < count && events.size() < n; j++) {
                    short revents = array.revents(j);
                    if (revents != 0) {
                        events.add(new Event(array.fd(j), revents));
                    }
                }
                return events;
            }
            int errno = Errno.lastErrno();
            if (errno != Errno.EINTR) {
                throw Errno.exception("poll(nfds=" + count + ")", errno);
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            array.close();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Poll object is closed");
        }
    }
}
