package org.iowait.poll;

import java.io.IOException;
import java.util.Set;


import org.iowait.Mode;
import org.iowait.ReadyHandler;
import org.iowait.SelectorKey;
import org.iowait.posix.Errno;
import org.iowait.posix.PollCall;
import org.iowait.posix.PollEvents;
import org.iowait.posix.PollFdArray;
import org.iowait.posix.Posix;
import org.iowait.posix.Wakeup;
import org.iowait.spi.AbstractSelector;

/**
 * A selector over poll(2). Every wait hands the kernel the whole interest set, so the native {@code pollfd} array is
 * rebuilt — by the selecting thread, under the lock — only after the set changed; a change made while another thread
 * is blocked wakes it so the new set applies at once. ONESHOT is emulated: a fired key leaves the array until
 * {@code modify} re-arms it.
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open("poll")) { ... }
 * }</pre>
 */
public final class PollSelector extends AbstractSelector {
    /** The largest set (the wakeup fd included) whose blocking selects start with a zero-timeout poll. */
    private static final int PROBED_SET = 64;

    private final Wakeup wakeup;
    /** Owned by the selecting thread; other threads only mark it {@link #dirty}. */
    private final PollFdArray array;
    private int count;
    private volatile boolean dirty = true;

    PollSelector(Set<Mode> modes) throws IOException {
        super("poll", modes);
        this.wakeup = Wakeup.open();
        this.array = new PollFdArray(64);
    }

    @Override
    protected void implRegister(SelectorKey key) throws IOException {
        if (!Posix.isOpen(key.fd())) {
            // poll(2) would take it and report POLLNVAL forever; refuse it now, as epoll_ctl does.
            throw Errno.exception("poll(register fd=" + key.fd() + ")", Errno.EBADF);
        }
        dirty = true;
    }

    @Override
    protected void implModify(SelectorKey oldKey, SelectorKey newKey) {
        dirty = true;
    }

    @Override
    protected void implUnregister(SelectorKey key) {
        dirty = true;
    }

    @Override
    protected void implDisarm(SelectorKey key) {
        dirty = true;
    }

    /**
     * A zero-timeout poll of a small set costs less than a blocking wait's set-up (the interrupt relay, the clock
     * read), so a busy loop gains by it; a large set's poll costs a scan of every fd, which the probe would repeat
     * whenever it finds nothing.
     */
    @Override
    protected boolean pollBeforeBlocking() {
        return count <= PROBED_SET;
    }

    @Override
    protected boolean wakeOnInterestChange() {
        return true;
    }

    private void rebuild() {
        synchronized (lock()) {
            dirty = false;
            var keys = keys().values();
            array.ensureCapacity(keys.size() + 1);
            array.set(0, wakeup.fd(), PollEvents.POLLIN);
            int i = 1;
            for (SelectorKey key : keys) {
                if (!isDisarmed(key.fd())) {
                    array.set(i++, key.fd(), PollEvents.toPoll(key.events()));
                }
            }
            count = i;
        }
    }

    @Override
    protected int implSelect(long timeoutNanos, ReadyHandler handler) throws IOException {
        if (dirty) {
            rebuild();
        }
        int n = PollCall.poll(array.address(), count, timeoutMillis(timeoutNanos));
        if (n < 0) {
            int errno = Errno.lastErrno();
            if (errno == Errno.EINTR) {
                return 0;
            }
            throw Errno.exception("poll(nfds=" + count + ")", errno);
        }
        int reported = 0;
        for (int i = 0, found = 0; i < count && found < n; i++) {
            short revents = array.revents(i);
            if (revents == 0) {
                continue;
            }
            found++;
            if (i == 0) {
                wakeup.drain();
            } else {
                reported += report(array.fd(i), PollEvents.fromPoll(revents), handler);
            }
        }
        return reported;
    }

    @Override
    protected void implWakeup() {
        wakeup.signal();
    }

    @Override
    protected void implClose() {
        wakeup.close();
        array.close();
    }
}
