package org.iowait.epoll;

import static org.iowait.epoll.EpollSyscalls.EPOLL_CLOEXEC;
import static org.iowait.epoll.EpollSyscalls.EPOLL_CTL_ADD;
import static org.iowait.epoll.EpollSyscalls.EPOLL_CTL_DEL;
import static org.iowait.epoll.EpollSyscalls.EPOLL_CTL_MOD;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.iowait.ErrnoException;
import org.iowait.posix.Errno;
import org.iowait.posix.Posix;
import org.iowait.spi.Timeouts;

/**
 * Python's {@code select.epoll}: an epoll instance (a close-on-exec fd) with the fd kept in each event's data.
 * Thread-safe for control calls; {@link #poll} may run in one thread while another registers.
 *
 * <pre>{@code
 * try (Epoll epoll = Epoll.open()) {
 *     epoll.register(fd, Epoll.EPOLLIN);
 *     for (Epoll.Event e : epoll.poll(Duration.ofSeconds(1), 64)) {
 *         System.out.println(e.fd() + " ready: " + Integer.toHexString(e.events()));
 *     }
 * }
 * }</pre>
 */
public final class Epoll implements AutoCloseable {
    public static final int EPOLLIN = EpollSyscalls.EPOLLIN;
    public static final int EPOLLPRI = EpollSyscalls.EPOLLPRI;
    public static final int EPOLLOUT = EpollSyscalls.EPOLLOUT;
    public static final int EPOLLERR = EpollSyscalls.EPOLLERR;
    public static final int EPOLLHUP = EpollSyscalls.EPOLLHUP;
    public static final int EPOLLRDHUP = EpollSyscalls.EPOLLRDHUP;
    public static final int EPOLLONESHOT = EpollSyscalls.EPOLLONESHOT;
    public static final int EPOLLET = EpollSyscalls.EPOLLET;

    /** One ready fd and its {@code events} as epoll_wait wrote them. */
    public record Event(int fd, int events) {
    }

    private final int epfd;
    private final EpollSyscalls.EventArray ctlEvent = new EpollSyscalls.EventArray(1);
    private volatile boolean closed;

    private Epoll(int epfd) {
        this.epfd = epfd;
    }

    /** @return a new epoll instance, close-on-exec */
    public static Epoll open() throws ErrnoException {
        int fd = EpollSyscalls.CALLS.epollCreate1(EPOLL_CLOEXEC);
        if (fd < 0) {
            throw Errno.last("epoll_create1(EPOLL_CLOEXEC)");
        }
        return new Epoll(fd);
    }

    /** @return the epoll fd */
    public int fileno() {
        ensureOpen();
        return epfd;
    }

    /** Adds {@code fd} with {@code events}; EEXIST if it is in the set already. */
    public void register(int fd, int events) throws ErrnoException {
        ctl(EPOLL_CTL_ADD, fd, events);
    }

    /** Replaces {@code fd}'s events (and re-arms EPOLLONESHOT); ENOENT if it is not in the set. */
    public void modify(int fd, int events) throws ErrnoException {
        ctl(EPOLL_CTL_MOD, fd, events);
    }

    /** Removes {@code fd}; ENOENT if it is not in the set, EBADF if it is closed. */
    public void unregister(int fd) throws ErrnoException {
        ctl(EPOLL_CTL_DEL, fd, 0);
    }

    synchronized void ctl(int op, int fd, int events) throws ErrnoException {
        ensureOpen();
        if (fd < 0) {
            throw new IllegalArgumentException("fd must not be negative: " + fd);
        }
        ctlEvent.set(0, events, fd);
        if (EpollSyscalls.CALLS.epollCtl(epfd, op, fd, ctlEvent.address()) != 0) {
            throw Errno.last("epoll_ctl(" + EpollSyscalls.opName(op) + ", fd=" + fd + ")");
        }
    }

    /**
     * Waits up to {@code timeout} (null or negative: forever; rounded up to milliseconds) for at most
     * {@code maxEvents} ready fds; further ready fds come on the next call. EINTR is retried with the remaining time.
     */
    public List<Event> poll(Duration timeout, int maxEvents) throws ErrnoException {
        ensureOpen();
        if (maxEvents <= 0) {
            throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
        }
        long nanos = Timeouts.blockingNanos(timeout);
        long start = System.nanoTime();
        try (EpollSyscalls.EventArray events = new EpollSyscalls.EventArray(maxEvents)) {
            for (;;) {
                int n = waitInto(events, Timeouts.millis(Timeouts.remaining(nanos, start)));
                if (n >= 0) {
                    List<Event> ready = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        ready.add(new Event(events.fd(i), events.events(i)));
                    }
                    return ready;
                }
            }
        }
    }

    /** One epoll_wait into {@code events}: the count, or -1 on EINTR. */
    int waitInto(EpollSyscalls.EventArray events, int timeoutMillis) throws ErrnoException {
        int n = EpollSyscalls.CALLS.epollWait(epfd, events.address(), events.capacity(), timeoutMillis);
        if (n < 0) {
            int errno = Errno.lastErrno();
            if (errno == Errno.EINTR) {
                return -1;
            }
            throw Errno.exception("epoll_wait(epfd=" + epfd + ", maxevents=" + events.capacity() + ")", errno);
        }
        return n;
    }

    /** Closes the epoll fd; idempotent. */
    @Override
    public synchronized void close() throws ErrnoException {
        if (!closed) {
            closed = true;
            ctlEvent.close();
            Posix.close(epfd);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Epoll is closed");
        }
    }
}
