package org.iowait.epoll;

import static org.iowait.epoll.EpollSyscalls.EPOLLERR;
import static org.iowait.epoll.EpollSyscalls.EPOLLET;
import static org.iowait.epoll.EpollSyscalls.EPOLLHUP;
import static org.iowait.epoll.EpollSyscalls.EPOLLIN;
import static org.iowait.epoll.EpollSyscalls.EPOLLONESHOT;
import static org.iowait.epoll.EpollSyscalls.EPOLLOUT;
import static org.iowait.epoll.EpollSyscalls.EPOLLPRI;
import static org.iowait.epoll.EpollSyscalls.EPOLLRDHUP;

import java.io.IOException;
import java.util.Set;

import org.iowait.ErrnoException;
import org.iowait.Mode;
import org.iowait.ReadyHandler;
import org.iowait.Selector;
import org.iowait.SelectorKey;
import org.iowait.posix.Errno;
import org.iowait.posix.Wakeup;
import org.iowait.spi.AbstractSelector;

/**
 * A selector over epoll: the kernel keeps the interest set, so registration changes apply to a blocked wait at once
 * and ONESHOT/EDGE are the kernel's own (EPOLLONESHOT, EPOLLET). The event buffer doubles whenever a wait fills it;
 * events that did not fit come on the next wait.
 *
 * <p>epoll watches open files, not fd numbers: a registered fd closed while a copy of it lives on (a {@code dup}, a
 * child process) stays in the kernel's set, and {@code unregister} can no longer remove it (EPOLL_CTL_DEL needs the
 * fd). When events keep arriving for an fd that has no key, the selector rebuilds its kernel set from its keys, so
 * such a leftover cannot make every wait return at once (a busy loop). Unregister before closing to avoid it.
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open("epoll")) {
 *     selector.register(fd, Selector.READ, null, Mode.EDGE);
 * }
 * }</pre>
 */
public final class EpollSelector extends AbstractSelector {
    private static final int INITIAL_EVENTS = 64;
    private static final int MAX_EVENTS = 64 * 1024;

    /** Replaced only by {@link #rebuild}, under lock() in the selecting thread. */
    private volatile Epoll epoll;
    private final Wakeup wakeup;
    private final int wakeupFd;
    /** Touched only by the selecting thread (and by close, which waits for it). */
    private EpollSyscalls.EventArray events = new EpollSyscalls.EventArray(INITIAL_EVENTS);
    /** Selecting thread only: an fd that had no key in the last wait's events, or -1. */
    private int keylessFd = -1;

    EpollSelector(Set<Mode> modes) throws IOException {
        super("epoll", modes);
        Epoll created = Epoll.open();
        Wakeup w = null;
        try {
            w = Wakeup.open();
            created.register(w.fd(), EPOLLIN);
        } catch (IOException | RuntimeException e) {
            if (w != null) {
                w.close();
            }
            created.close();
            events.close();
            throw e;
        }
        this.epoll = created;
        this.wakeup = w;
        this.wakeupFd = w.fd();
    }

    private static int toEpoll(int events, Mode mode) {
        int bits = ((events & Selector.READ) != 0 ? EPOLLIN | EPOLLRDHUP : 0) | ((events & Selector.WRITE) != 0 ? EPOLLOUT : 0);
        return switch (mode) {
            case LEVEL -> bits;
            case EDGE -> bits | EPOLLET;
            case ONESHOT -> bits | EPOLLONESHOT;
        };
    }

    /** HUP and ERR wake readers and writers alike: the next read or write reports the condition. */
    private static int fromEpoll(int revents) {
        if ((revents & (EPOLLHUP | EPOLLERR)) != 0) {
            return Selector.READ | Selector.WRITE;
        }
        return ((revents & (EPOLLIN | EPOLLPRI | EPOLLRDHUP)) != 0 ? Selector.READ : 0)
                | ((revents & EPOLLOUT) != 0 ? Selector.WRITE : 0);
    }

    @Override
    protected void implRegister(SelectorKey key) throws IOException {
        epoll.register(key.fd(), toEpoll(key.events(), key.mode()));
    }

    @Override
    protected void implModify(SelectorKey oldKey, SelectorKey newKey) throws IOException {
        epoll.modify(newKey.fd(), toEpoll(newKey.events(), newKey.mode()));
    }

    @Override
    protected void implUnregister(SelectorKey key) throws IOException {
        try {
            epoll.unregister(key.fd());
        } catch (ErrnoException e) {
            // EBADF: the fd was closed, and the kernel dropped it with its last reference.
            // ENOENT: its number now names another file, which was never added.
            if (e.errno() != Errno.EBADF && e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
    }

    @Override
    protected int implSelect(long timeoutNanos, ReadyHandler handler) throws IOException {
        EpollSyscalls.EventArray buffer = events;
        int n = epoll.waitInto(buffer, timeoutMillis(timeoutNanos));
        if (n <= 0) {
            return 0; // timeout, or EINTR: the caller retries with what is left
        }
        int reported = 0;
        int keyless = -1;
        boolean leftover = false;
        for (int i = 0; i < n; i++) {
            int fd = buffer.fd(i);
            SelectorKey key;
            if (fd == wakeupFd) {
                wakeup.drain();
            } else if ((key = keyFor(fd)) == null) {
                // once may be a race with unregister; the same fd again in the next wait is a leftover
                leftover |= fd == keylessFd;
                keyless = fd;
            } else {
                reported += report(key, fromEpoll(buffer.events(i)), handler);
            }
        }
        keylessFd = keyless;
        if (leftover) {
            rebuild();
        }
        if (n == buffer.capacity() && buffer.capacity() < MAX_EVENTS) {
            events = new EpollSyscalls.EventArray(buffer.capacity() * 2);
            buffer.close();
        }
        return reported;
    }

    /**
     * Replaces the kernel set with a new one holding exactly the keys (a fired ONESHOT key stays disarmed), dropping
     * registrations that outlived their fd. Registrations whose fd is closed are left out; their keys stay until
     * unregistered. A ready fd is reported by the new set as by the old one (an EDGE fd may see one extra edge).
     */
    private void rebuild() throws IOException {
        synchronized (lock()) {
            if (!isOpen()) {
                return;
            }
            Epoll fresh = Epoll.open();
            try {
                fresh.register(wakeupFd, EPOLLIN);
                for (SelectorKey key : keys().values()) {
                    int bits = isDisarmed(key.fd()) ? EPOLLONESHOT : toEpoll(key.events(), key.mode());
                    try {
                        fresh.register(key.fd(), bits);
                    } catch (ErrnoException e) {
                        if (e.errno() != Errno.EBADF) {
                            throw e;
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                fresh.close();
                throw e;
            }
            Epoll old = epoll;
            epoll = fresh;
            keylessFd = -1;
            old.close();
        }
    }

    /** A wait costs what the ready fds cost, so a busy loop's selects go without the blocking set-up. */
    @Override
    protected boolean pollBeforeBlocking() {
        return true;
    }

    /** An epoll fd polls readable while its ready list is not empty: the poller watches it alone. */
    @Override
    protected int pollableFd() {
        return epoll.fileno();
    }

    @Override
    protected void implWakeup() {
        wakeup.signal();
    }

    @Override
    protected void implClose() throws IOException {
        try {
            epoll.close();
        } finally {
            wakeup.close();
            events.close();
        }
    }
}
