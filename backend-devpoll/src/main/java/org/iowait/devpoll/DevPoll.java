package org.iowait.devpoll;

import static org.iowait.devpoll.DevPollSyscalls.POLLREMOVE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;


import org.iowait.ErrnoException;
import org.iowait.posix.Errno;
import org.iowait.posix.PollEvents;
import org.iowait.posix.PollFdArray;
import org.iowait.posix.Posix;
import org.iowait.spi.Timeouts;

/**
 * Python's {@code select.devpoll}: a {@code /dev/poll} set. Solaris ORs a mask written for an fd already in the set,
 * so a changed mask is written as POLLREMOVE followed by the new mask.
 *
 * <pre>{@code
 * try (DevPoll dp = DevPoll.open()) {
 *     dp.register(fd, DevPoll.POLLIN);
 *     for (DevPoll.Event e : dp.poll(Duration.ofSeconds(1))) read(e.fd());
 * }
 * }</pre>
 */
public final class DevPoll implements AutoCloseable {
    public static final short POLLIN = PollEvents.POLLIN;
    public static final short POLLPRI = PollEvents.POLLPRI;
    public static final short POLLOUT = PollEvents.POLLOUT;
    public static final short POLLERR = PollEvents.POLLERR;
    public static final short POLLHUP = PollEvents.POLLHUP;
    public static final short POLLNVAL = PollEvents.POLLNVAL;
    public static final short POLLREMOVE = DevPollSyscalls.POLLREMOVE;

    /** One ready fd and its revents. */
    public record Event(int fd, short revents) {
    }

    private final int dpfd;
    private final Map<Integer, Short> registered = new HashMap<>();
    private final PollFdArray changes = new PollFdArray(2);
    private final DevPollSyscalls.DvPoll dvpoll = new DevPollSyscalls.DvPoll();
    private volatile boolean closed;

    private DevPoll(int dpfd) {
        this.dpfd = dpfd;
    }

    /** @return a new set on {@code /dev/poll}, close-on-exec */
    public static DevPoll open() throws ErrnoException {
        int fd = DevPollSyscalls.open(DevPollSyscalls.DEVICE, DevPollSyscalls.O_RDWR | Posix.O_CLOEXEC);
        if (fd < 0) {
            throw Errno.last("open(\"" + DevPollSyscalls.DEVICE + "\")");
        }
        return new DevPoll(fd);
    }

    public int fileno() {
        ensureOpen();
        return dpfd;
    }

    /** Watches {@code fd} for {@code events}, replacing any earlier mask. */
    public synchronized void register(int fd, short events) throws ErrnoException {
        ensureOpen();
        if (fd < 0) {
            throw new IllegalArgumentException("fd must not be negative: " + fd);
        }
        int n = 0;
        if (registered.containsKey(fd)) {
            changes.set(n++, fd, POLLREMOVE);
        }
        changes.set(n++, fd, events);
        writeChanges(n, fd);
        registered.put(fd, events);
    }

    /** @throws NoSuchElementException {@code fd} is not registered */
    public synchronized void modify(int fd, short events) throws ErrnoException {
        ensureOpen();
        if (!registered.containsKey(fd)) {
            throw new NoSuchElementException("fd " + fd + " is not registered");
        }
        register(fd, events);
    }

    /** @throws NoSuchElementException {@code fd} is not registered */
    public synchronized void unregister(int fd) throws ErrnoException {
        ensureOpen();
        if (registered.remove(fd) == null) {
            throw new NoSuchElementException("fd " + fd + " is not registered");
        }
        changes.set(0, fd, POLLREMOVE);
        writeChanges(1, fd);
    }

    /** Drops {@code fd} if it is registered; for selectors, whose keys may outlive a disarmed registration. */
    synchronized void forget(int fd) throws ErrnoException {
        if (!closed && registered.remove(fd) != null) {
            changes.set(0, fd, POLLREMOVE);
            writeChanges(1, fd);
        }
    }

    private void writeChanges(int n, int fd) throws ErrnoException {
        for (;;) {
            if (DevPollSyscalls.write(dpfd, changes.address(), (long) n * PollFdArray.SIZE) >= 0) {
                return;
            }
            int errno = Errno.lastErrno();
            if (errno != Errno.EINTR) {
                throw Errno.exception("write(/dev/poll, fd=" + fd + ")", errno);
            }
        }
    }

    /**
     * Waits up to {@code timeout} (null or negative: forever; rounded up to milliseconds) and returns the ready fds.
     * EINTR is retried with the remaining time.
     */
    public List<Event> poll(Duration timeout) throws ErrnoException {
        ensureOpen();
        long nanos = Timeouts.blockingNanos(timeout);
        long start = System.nanoTime();
        int size;
        synchronized (this) {
            size = Math.max(1, registered.size());
        }
        try (PollFdArray results = new PollFdArray(size)) {
            for (;;) {
                int n = pollInto(results, Timeouts.millis(Timeouts.remaining(nanos, start)));
                if (n >= 0) {
                    List<Event> events = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        events.add(new Event(results.fd(i), results.revents(i)));
                    }
                    return events;
                }
            }
        }
    }

    /** One DP_POLL into {@code results}: the count, or -1 on EINTR. */
    int pollInto(PollFdArray results, int timeoutMillis) throws ErrnoException {
        int n;
        synchronized (dvpoll) {
            n = DevPollSyscalls.ioctl(dpfd, DevPollSyscalls.DP_POLL, dvpoll.address(results, timeoutMillis));
        }
        if (n < 0) {
            int errno = Errno.lastErrno();
            if (errno == Errno.EINTR) {
                return -1;
            }
            throw Errno.exception("ioctl(/dev/poll, DP_POLL, nfds=" + results.capacity() + ")", errno);
        }
        return n;
    }

    /** @return whether {@code fd} is in the kernel's set (DP_ISPOLLED) */
    public synchronized boolean isPolled(int fd) throws ErrnoException {
        ensureOpen();
        changes.set(0, fd, (short) 0);
        int n = DevPollSyscalls.ioctl(dpfd, DevPollSyscalls.DP_ISPOLLED, changes.address());
        if (n < 0) {
            throw Errno.last("ioctl(/dev/poll, DP_ISPOLLED, fd=" + fd + ")");
        }
        return n == 1;
    }

    @Override
    public synchronized void close() throws ErrnoException {
        if (!closed) {
            closed = true;
            changes.close();
            synchronized (dvpoll) {
                dvpoll.close();
            }
            if (DevPollSyscalls.close(dpfd) != 0 && Errno.lastErrno() != Errno.EINTR) {
                throw Errno.last("close(/dev/poll fd=" + dpfd + ")");
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this DevPoll is closed");
        }
    }
}
