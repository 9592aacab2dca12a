package org.iowait.kqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.iowait.ErrnoException;
import org.iowait.posix.Errno;
import org.iowait.posix.Posix;
import org.iowait.spi.Timeouts;

/**
 * Python's {@code select.kqueue}: a kernel event queue (a close-on-exec fd) driven by {@link #control}.
 *
 * <pre>{@code
 * try (Kqueue kq = Kqueue.open()) {
 *     List<KEvent> ready = kq.control(List.of(KEvent.of(fd, KEvent.EVFILT_READ, KEvent.EV_ADD)), 8, Duration.ofSeconds(1));
 *     for (KEvent e : ready) System.out.println(e.ident() + " has " + e.data() + " bytes");
 * }
 * }</pre>
 */
public final class Kqueue implements AutoCloseable {
    private final int kq;
    private final KqueueSyscalls.Timespec timespec = new KqueueSyscalls.Timespec();
    private volatile boolean closed;

    private Kqueue(int kq) {
        this.kq = kq;
    }

    /** @return a new kqueue, close-on-exec */
    public static Kqueue open() throws ErrnoException {
        int fd = KqueueSyscalls.kqueue();
        if (fd < 0) {
            throw Errno.last("kqueue()");
        }
        try {
            Posix.setCloseOnExec(fd, true);
        } catch (ErrnoException e) {
            Posix.closeQuietly(fd);
            throw e;
        }
        return new Kqueue(fd);
    }

    /** @return the layout in use */
    public static KqueueAbi abi() {
        return KqueueSyscalls.ABI;
    }

    /** @return the kqueue's fd */
    public int fileno() {
        ensureOpen();
        return kq;
    }

    /**
     * Applies {@code changes}, then waits up to {@code timeout} (null: forever; rounded up to nanoseconds) for at most
     * {@code maxEvents} events. Change errors come back as events with {@code EV_ERROR} and the errno in {@code data}
     * when there is room, else as an {@link ErrnoException}. An EINTR retries the wait with the remaining time.
     */
    public List<KEvent> control(List<KEvent> changes, int maxEvents, Duration timeout) throws ErrnoException {
        ensureOpen();
        if (maxEvents < 0) {
            throw new IllegalArgumentException("maxEvents must not be negative: " + maxEvents);
        }
        long nanos = Timeouts.pollingNanos(timeout);
        long start = System.nanoTime();
        List<KEvent> pending = changes == null ? List.of() : changes;
        try (KqueueSyscalls.KEventArray in = new KqueueSyscalls.KEventArray(pending.size());
                KqueueSyscalls.KEventArray out = new KqueueSyscalls.KEventArray(maxEvents)) {
            for (int i = 0; i < pending.size(); i++) {
                in.set(i, pending.get(i));
            }
            int nchanges = pending.size();
            for (;;) {
                int n = kevent(in, nchanges, out, maxEvents, Timeouts.remaining(nanos, start));
                if (n >= 0) {
                    List<KEvent> events = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        events.add(out.get(i));
                    }
                    return events;
                }
                nchanges = 0; // EINTR: the changes were applied; wait again for what is left
            }
        }
    }

    /** One kevent call: the count, or -1 on EINTR. */
    synchronized int kevent(KqueueSyscalls.KEventArray changes, int nchanges, KqueueSyscalls.KEventArray events,
            int nevents, long timeoutNanos) throws ErrnoException {
        int n = KqueueSyscalls.kevent(kq, changes.address(), nchanges, events.address(), nevents,
                timespec.address(timeoutNanos));
        if (n < 0) {
            int errno = Errno.lastErrno();
            if (errno == Errno.EINTR) {
                return -1;
            }
            throw Errno.exception("kevent(kq=" + kq + ", nchanges=" + nchanges + ", nevents=" + nevents + ")", errno);
        }
        return n;
    }

    /** A wait that does not hold this object's lock, so changes from other threads go through meanwhile. */
    int wait(KqueueSyscalls.KEventArray events, KqueueSyscalls.Timespec waitTimespec, long timeoutNanos)
            throws ErrnoException {
        int n = KqueueSyscalls.kevent(kq, 0, 0, events.address(), events.capacity(), waitTimespec.address(timeoutNanos));
        if (n < 0) {
            int errno = Errno.lastErrno();
            if (errno == Errno.EINTR) {
                return -1;
            }
            throw Errno.exception("kevent(kq=" + kq + ", nevents=" + events.capacity() + ")", errno);
        }
        return n;
    }

    @Override
    public synchronized void close() throws ErrnoException {
        if (!closed) {
            closed = true;
            timespec.close();
            Posix.close(kq);
            KqueueSyscalls.drainPendingClose();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Kqueue is closed");
        }
    }
}
