package org.iowait.select;

import static org.iowait.select.SelectSyscalls.WORDS;
import static org.iowait.select.SelectSyscalls.WORD_BITS;
import static org.iowait.select.SelectSyscalls.Sets.EXCEPT_SET;
import static org.iowait.select.SelectSyscalls.Sets.READ_SET;
import static org.iowait.select.SelectSyscalls.Sets.WRITE_SET;

import java.io.IOException;
import java.util.Set;


import org.iowait.Mode;
import org.iowait.ReadyHandler;
import org.iowait.Selector;
import org.iowait.SelectorKey;
import org.iowait.posix.Errno;
import org.iowait.posix.Posix;
import org.iowait.posix.Wakeup;
import org.iowait.spi.AbstractSelector;

/**
 * A selector over select(2), for fds below 1024 (FD_SETSIZE; larger ones are refused at register). The interest set
 * lives in Java bit masks, copied into the native fd_sets before each wait because the kernel overwrites them. A
 * registered fd that was closed would make every select fail with EBADF; instead it is found and reported
 * {@code READ|WRITE}, as poll(2) reports POLLNVAL.
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open("select")) { ... }
 * }</pre>
 */
public final class SelectSelector extends AbstractSelector {
    private final Wakeup wakeup;
    private final SelectSyscalls.Sets sets = new SelectSyscalls.Sets();
    /** The interest set; guarded by lock(). */
    private final long[] readMask = new long[WORDS];
    private final long[] writeMask = new long[WORDS];
    /** Copies taken under the lock by the selecting thread. */
    private final long[] readAsked = new long[WORDS];
    private final long[] writeAsked = new long[WORDS];

    SelectSelector(Set<Mode> modes) throws IOException {
        super("select", modes);
        Wakeup w = Wakeup.open();
        if (w.fd() >= SelectSyscalls.FD_SETSIZE) {
            w.close();
            sets.close();
            throw new IllegalStateException("no fd below FD_SETSIZE left for the select backend's wakeup");
        }
        this.wakeup = w;
    }

    private void watch(int fd, int events) {
        int w = fd / WORD_BITS;
        long bit = 1L << (fd % WORD_BITS);
        readMask[w] = (events & Selector.READ) != 0 ? readMask[w] | bit : readMask[w] & ~bit;
        writeMask[w] = (events & Selector.WRITE) != 0 ? writeMask[w] | bit : writeMask[w] & ~bit;
    }

    @Override
    protected void implRegister(SelectorKey key) throws IOException {
        SelectSyscalls.checkFd(key.fd());
        if (!Posix.isOpen(key.fd())) {
            // select(2) would fail with EBADF on every later call; refuse it now, as epoll_ctl does.
            throw Errno.exception("select(register fd=" + key.fd() + ")", Errno.EBADF);
        }
        watch(key.fd(), key.events());
    }

    @Override
    protected void implModify(SelectorKey oldKey, SelectorKey newKey) {
        watch(newKey.fd(), newKey.events());
    }

    @Override
    protected void implUnregister(SelectorKey key) {
        watch(key.fd(), 0);
    }

    @Override
    protected void implDisarm(SelectorKey key) {
        watch(key.fd(), 0);
    }

    @Override
    protected boolean wakeOnInterestChange() {
        return true;
    }

    @Override
    protected int implSelect(long timeoutNanos, ReadyHandler handler) throws IOException {
        synchronized (lock()) {
            System.arraycopy(readMask, 0, readAsked, 0, WORDS);
            System.arraycopy(writeMask, 0, writeAsked, 0, WORDS);
        }
        int wakeupFd = wakeup.fd();
        readAsked[wakeupFd / WORD_BITS] |= 1L << (wakeupFd % WORD_BITS);
        int reported = 0;
        int n = waitOnce(timeoutNanos);
        if (n < 0) {
            int errno = Errno.lastErrno();
            if (errno == Errno.EINTR) {
                return 0;
            }
            if (errno != Errno.EBADF) {
                throw Errno.exception("select(nfds=" + nfds() + ")", errno);
            }
            reported += reportClosedFds(handler);
            n = waitOnce(0); // the others, without the closed ones; something is reported already, so do not block
            if (n < 0) {
                return reported;
            }
        }
        if (n == 0) {
            return reported;
        }
        for (int w = 0; w < WORDS; w++) {
            long readable = sets.word(READ_SET, w);
            long writable = sets.word(WRITE_SET, w);
            long any = readable | writable | sets.word(EXCEPT_SET, w);
            while (any != 0) {
                int bit = Long.numberOfTrailingZeros(any);
                any &= any - 1;
                int fd = w * WORD_BITS + bit;
                if (fd == wakeupFd) {
                    wakeup.drain();
                    continue;
                }
                long mask = 1L << bit;
                int events = ((readable & mask) != 0 ? Selector.READ : 0) | ((writable & mask) != 0 ? Selector.WRITE : 0);
                reported += report(fd, events == 0 ? Selector.READ | Selector.WRITE : events, handler);
            }
        }
        return reported;
    }

    /** Fills the native sets from the asked masks and waits; -1 with errno on failure. (Sets' READ_SET/WRITE_SET are
     * set indexes, not to be confused with the Selector.READ/WRITE bits this class inherits.) */
    private int waitOnce(long timeoutNanos) {
        for (int w = 0; w < WORDS; w++) {
            sets.putWord(READ_SET, w, readAsked[w]);
            sets.putWord(WRITE_SET, w, writeAsked[w]);
            sets.putWord(EXCEPT_SET, w, 0);
        }
        return SelectSyscalls.select(nfds(), sets.set(READ_SET), sets.set(WRITE_SET), sets.set(EXCEPT_SET),
                sets.timeval(timeoutNanos));
    }

    private int nfds() {
        return SelectSyscalls.nfds(readAsked, writeAsked, WORD_BITS);
    }

    /** Reports every asked fd that is no longer open as READ|WRITE and takes it out of this wait. */
    private int reportClosedFds(ReadyHandler handler) throws IOException {
        int reported = 0;
        for (int w = 0; w < WORDS; w++) {
            long any = readAsked[w] | writeAsked[w];
            while (any != 0) {
                int bit = Long.numberOfTrailingZeros(any);
                any &= any - 1;
                int fd = w * WORD_BITS + bit;
                if (!Posix.isOpen(fd)) {
                    readAsked[w] &= ~(1L << bit);
                    writeAsked[w] &= ~(1L << bit);
                    reported += report(fd, Selector.READ | Selector.WRITE, handler);
                }
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
        sets.close();
    }
}
