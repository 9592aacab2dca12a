package org.iowait.fds;

import java.util.concurrent.atomic.AtomicLong;

import org.iowait.ErrnoException;
import org.iowait.FileDescriptorSource;
import org.iowait.posix.Errno;
import org.iowait.posix.EventFdWakeup;
import org.iowait.posix.Os;
import org.iowait.posix.PipeWakeup;

/**
 * A counter another thread can {@link #signal} and the selecting thread {@link #drain}s: readable while the count is
 * above zero. An eventfd(2) on Linux; elsewhere (and where a seccomp profile refuses eventfd) a non-blocking pipe
 * whose count is kept beside it. Close-on-exec and non-blocking.
 *
 * <pre>{@code
 * try (EventFd jobs = EventFd.open(); Selector selector = DefaultSelector.open()) {
 *     selector.register(jobs, Selector.READ);
 *     worker.submit(() -> jobs.signal(1));        // from any thread
 *     selector.select();
 *     long done = jobs.drain();                   // 1, and the fd is no longer readable
 * }
 * }</pre>
 */
public final class EventFd implements FileDescriptorSource, AutoCloseable {
    private final EventFdWakeup counter; // Linux: the kernel keeps the count
    private final PipeWakeup pipe;       // elsewhere: the pipe says "ready", pending keeps the count
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean closed;

    private EventFd(EventFdWakeup counter, PipeWakeup pipe) {
        this.counter = counter;
        this.pipe = pipe;
    }

    /** @return a new counter at zero */
    public static EventFd open() throws ErrnoException {
        if (Os.host() == Os.LINUX) {
            try {
                return new EventFd(new EventFdWakeup(), null);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EPERM && e.errno() != Errno.ENOSYS) {
                    throw e;
                }
            }
        }
        return new EventFd(null, new PipeWakeup());
    }

    /** The pipe stand-in, as used off Linux; for tests on Linux. */
    static EventFd openPipe() throws ErrnoException {
        return new EventFd(null, new PipeWakeup());
    }

    /** @return the fd to watch for readability, or -1 once closed */
    @Override
    public int fd() {
        return closed ? -1 : counter != null ? counter.fd() : pipe.fd();
    }

    /** @return whether this is a real eventfd (false: the pipe stand-in) */
    public boolean isEventFd() {
        return counter != null;
    }

    /**
     * Adds {@code n} to the count and makes the fd readable; never blocks.
     *
     * @throws IllegalArgumentException {@code n} is zero or negative
     * @throws IllegalStateException    closed
     * @throws ErrnoException           EAGAIN: the eventfd count would pass its limit of 2^64-2
     */
    public void signal(long n) throws ErrnoException {
        if (n <= 0) {
            throw new IllegalArgumentException("signal(n) needs n > 0, got " + n);
        }
        ensureOpen();
        if (counter != null) {
            counter.add(n);
        } else {
            pending.addAndGet(n); // before the byte: a drain that sees the byte also sees the count
            pipe.signal();
        }
    }

    /**
     * Takes the count: the sum of the signals since the last drain, or 0 when there were none; the fd is then not
     * readable until the next signal (the pipe stand-in may stay readable once more and then drain 0).
     *
     * @throws IllegalStateException closed
     */
    public long drain() throws ErrnoException {
        ensureOpen();
        if (counter != null) {
            return counter.take();
        }
        pipe.drain();
        return pending.getAndSet(0);
    }

    public boolean isOpen() {
        return !closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("EventFd is closed");
        }
    }

    /** Releases the fd(s); idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (counter != null) {
                counter.close();
            } else {
                pipe.close();
            }
        }
    }

    @Override
    public String toString() {
        return "EventFd" + (closed ? "[closed]" : "[fd=" + fd() + (counter != null ? ", eventfd]" : ", pipe]"));
    }
}
