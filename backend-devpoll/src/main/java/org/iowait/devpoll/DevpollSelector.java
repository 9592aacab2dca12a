package org.iowait.devpoll;


import java.io.IOException;
import java.util.Set;

import org.iowait.ErrnoException;
import org.iowait.Mode;
import org.iowait.ReadyHandler;
import org.iowait.Selector;
import org.iowait.SelectorKey;
import org.iowait.posix.Errno;
import org.iowait.posix.PollFdArray;
import org.iowait.posix.PipeWakeup;
import org.iowait.posix.PollEvents;
import org.iowait.posix.Posix;
import org.iowait.spi.AbstractSelector;

/**
 * A selector over Solaris {@code /dev/poll}: the kernel keeps the set, written as {@code pollfd} arrays and waited on
 * with {@code ioctl(DP_POLL)}. ONESHOT is emulated with POLLREMOVE after a report; the wakeup is a self-pipe. A write
 * to the set is not promised to reach a DP_POLL already blocked in another thread, so changes wake it.
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open("devpoll")) { ... }
 * }</pre>
 */
public final class DevpollSelector extends AbstractSelector {
    private static final int INITIAL_RESULTS = 64;
    private static final int MAX_RESULTS = 64 * 1024;

    private final DevPoll devpoll;
    private final PipeWakeup wakeup;
    private PollFdArray results = new PollFdArray(INITIAL_RESULTS);

    DevpollSelector(Set<Mode> modes) throws IOException {
        super("devpoll", modes);
        DevPoll dp = DevPoll.open();
        PipeWakeup w = null;
        try {
            w = new PipeWakeup();
            dp.register(w.fd(), PollEvents.POLLIN);
        } catch (IOException | RuntimeException e) {
            if (w != null) {
                w.close();
            }
            dp.close();
            results.close();
            throw e;
        }
        this.devpoll = dp;
        this.wakeup = w;
    }

    @Override
    protected void implRegister(SelectorKey key) throws IOException {
        if (!Posix.isOpen(key.fd())) {
            throw Errno.exception("write(/dev/poll, fd=" + key.fd() + ")", Errno.EBADF);
        }
        devpoll.register(key.fd(), PollEvents.toPoll(key.events()));
    }

    @Override
    protected void implModify(SelectorKey oldKey, SelectorKey newKey) throws IOException {
        devpoll.register(newKey.fd(), PollEvents.toPoll(newKey.events())); // POLLREMOVE, then the new mask
    }

    @Override
    protected void implUnregister(SelectorKey key) throws IOException {
        devpoll.forget(key.fd());
    }

    @Override
    protected void implDisarm(SelectorKey key) {
        try {
            devpoll.forget(key.fd());
        } catch (ErrnoException e) {
            // the fd is gone already: nothing left to disarm
        }
    }

    @Override
    protected boolean wakeOnInterestChange() {
        return true;
    }

    @Override
    protected int implSelect(long timeoutNanos, ReadyHandler handler) throws IOException {
        PollFdArray buffer = results;
        int n = devpoll.pollInto(buffer, timeoutMillis(timeoutNanos));
        if (n <= 0) {
            return 0;
        }
        int reported = 0;
        int wakeupFd = wakeup.fd();
        for (int i = 0; i < n; i++) {
            int fd = buffer.fd(i);
            if (fd == wakeupFd) {
                wakeup.drain();
            } else {
                reported += report(fd, PollEvents.fromPoll(buffer.revents(i)), handler);
            }
        }
        if (n == buffer.capacity() && buffer.capacity() < MAX_RESULTS) {
            results = new PollFdArray(buffer.capacity() * 2);
            buffer.close();
        }
        return reported;
    }

    @Override
    protected void implWakeup() {
        wakeup.signal();
    }

    @Override
    protected void implClose() throws IOException {
        try {
            devpoll.close();
        } finally {
            wakeup.close();
            results.close();
        }
    }
}
