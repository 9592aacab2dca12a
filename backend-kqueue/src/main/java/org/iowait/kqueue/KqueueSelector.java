package org.iowait.kqueue;

import static org.iowait.kqueue.KEvent.EVFILT_READ;
import static org.iowait.kqueue.KEvent.EVFILT_WRITE;
import static org.iowait.kqueue.KEvent.EV_ADD;
import static org.iowait.kqueue.KEvent.EV_CLEAR;
import static org.iowait.kqueue.KEvent.EV_DELETE;
import static org.iowait.kqueue.KEvent.EV_EOF;
import static org.iowait.kqueue.KEvent.EV_ERROR;
import static org.iowait.kqueue.KEvent.EV_ONESHOT;
import static org.iowait.kqueue.KEvent.EV_RECEIPT;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;

import org.iowait.ErrnoException;
import org.iowait.Mode;
import org.iowait.ReadyHandler;
import org.iowait.Selector;
import org.iowait.SelectorKey;
import org.iowait.posix.Errno;
import org.iowait.posix.PipeWakeup;
import org.iowait.spi.AbstractSelector;

/**
 * A selector over kqueue. READ and WRITE interest are two filters of one fd; their events are merged into one report
 * per fd. Changes go with EV_RECEIPT so each one's error comes back on its own and the key map stays truthful.
 * EDGE is EV_CLEAR, ONESHOT is EV_ONESHOT; the wakeup is an EVFILT_USER event (a self-pipe where there is none).
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open("kqueue")) {
 *     selector.register(fd, Selector.READ | Selector.WRITE);
 * }
 * }</pre>
 */
public final class KqueueSelector extends AbstractSelector {
    private static final int INITIAL_EVENTS = 64;
    private static final int MAX_EVENTS = 64 * 1024;
    private static final long WAKEUP_IDENT = 0;
    private static final short[] FILTERS = {EVFILT_READ, EVFILT_WRITE};
    private static final int[] BITS = {Selector.READ, Selector.WRITE};

    private final Kqueue kqueue;
    private final short evfiltUser;
    private final PipeWakeup pipeWakeup;
    /** Guarded by lock(): at most four changes (a delete and an add per filter) and their receipts. */
    private final KqueueSyscalls.KEventArray changes = new KqueueSyscalls.KEventArray(4);
    private final KqueueSyscalls.KEventArray receipts = new KqueueSyscalls.KEventArray(4);
    /** Guarded by itself: the EVFILT_USER trigger, sent from any thread. */
    private final KqueueSyscalls.KEventArray trigger = new KqueueSyscalls.KEventArray(1);
    /** Selecting thread only. */
    private final KqueueSyscalls.Timespec timespec = new KqueueSyscalls.Timespec();
    private KqueueSyscalls.KEventArray events = new KqueueSyscalls.KEventArray(INITIAL_EVENTS);
    private int[] merged = new int[256];
    private int[] touched = new int[INITIAL_EVENTS];

    KqueueSelector(Set<Mode> modes) throws IOException {
        super("kqueue", modes);
        this.kqueue = Kqueue.open();
        this.evfiltUser = Kqueue.abi().evfiltUser();
        PipeWakeup pipe = null;
        try {
            if (evfiltUser != 0) {
                change(0, WAKEUP_IDENT, evfiltUser, (short) (EV_ADD | EV_CLEAR));
                check(submit(1), "EV_ADD EVFILT_USER");
                trigger.set(0, WAKEUP_IDENT, evfiltUser, (short) 0, KEvent.NOTE_TRIGGER, 0, 0);
            } else {
                pipe = new PipeWakeup();
                change(0, pipe.fd(), EVFILT_READ, EV_ADD);
                check(submit(1), "EV_ADD EVFILT_READ, wakeup");
            }
        } catch (IOException | RuntimeException e) {
            if (pipe != null) {
                pipe.close();
            }
            freeNative();
            throw e;
        }
        this.pipeWakeup = pipe;
    }

    private void change(int index, long ident, short filter, short flags) {
        changes.set(index, ident, filter, (short) (flags | EV_RECEIPT), 0, 0, 0);
    }

    /**
     * Applies the first {@code n} changes; returns an errno per change (0: done). Every change carries EV_RECEIPT, so
     * the kernel answers each with one entry, in order: a filter deleted and added again in one batch stays two
     * answers. Caller holds lock().
     */
    private int[] submit(int n) throws ErrnoException {
        int got = kqueue.kevent(changes, n, receipts, n, 0);
        int[] errors = new int[n];
        for (int i = 0; i < got && i < n; i++) {
            if ((receipts.flags(i) & EV_ERROR) != 0 && receipts.data(i) != 0) {
                errors[i] = (int) receipts.data(i);
            }
        }
        return errors;
    }

    private static void check(int[] errors, String what) throws ErrnoException {
        for (int errno : errors) {
            if (errno != 0) {
                throw Errno.exception("kevent(" + what + ")", errno);
            }
        }
    }

    private static short modeFlags(Mode mode) {
        return switch (mode) {
            case LEVEL -> 0;
            case EDGE -> EV_CLEAR;
            case ONESHOT -> EV_ONESHOT;
        };
    }

    private static String filterName(short filter) {
        return filter == EVFILT_READ ? "EVFILT_READ" : "EVFILT_WRITE";
    }

    /**
     * Adds the filters {@code events} asks for that {@code previous} lacks and deletes those it no longer asks for; a
     * filter kept in ONESHOT mode is deleted and added again, which re-arms it whether or not it fired. A kept filter
     * is otherwise left alone: re-adding an existing knote is a no-op on the BSDs, but libkqueue refuses it for pipes
     * and sockets (see the README), and it would make a modify cost a system call for nothing. On any failure undoes
     * what succeeded and throws, naming the failed change.
     */
    private void apply(int fd, int events, Mode mode, int previous) throws ErrnoException {
        int n = 0;
        for (int i = 0; i < 2; i++) {
            boolean want = (events & BITS[i]) != 0;
            boolean had = (previous & BITS[i]) != 0;
            if (want && had && mode == Mode.ONESHOT) {
                change(n++, fd, FILTERS[i], EV_DELETE);
            }
            if (want && (!had || mode == Mode.ONESHOT)) {
                change(n++, fd, FILTERS[i], (short) (EV_ADD | modeFlags(mode)));
            } else if (!want && had) {
                change(n++, fd, FILTERS[i], EV_DELETE);
            }
        }
        if (n == 0) {
            return;
        }
        int[] errors = submit(n);
        for (int i = 0; i < n; i++) {
            boolean delete = (changes.flags(i) & EV_DELETE) != 0;
            // deleting a ONESHOT filter that already fired (the kernel dropped it) is not a failure
            if (errors[i] != 0 && !(delete && errors[i] == Errno.ENOENT)) {
                String what = ((changes.flags(i) & EV_ADD) != 0 ? "EV_ADD " : "EV_DELETE ")
                        + filterName(changes.filter(i)) + ", fd=" + fd;
                ErrnoException failure = Errno.exception("kevent(" + what + ")", errors[i]);
                restore(fd, events, previous, mode);
                throw failure;
            }
        }
    }

    /**
     * Puts the kernel back to {@code previous} after a partly failed change: filters only {@code attempted} asked for
     * are deleted, and those {@code previous} had are added back where the change deleted (or re-armed) them.
     */
    private void restore(int fd, int attempted, int previous, Mode mode) {
        try {
            int n = 0;
            for (int i = 0; i < 2; i++) {
                boolean had = (previous & BITS[i]) != 0;
                boolean tried = (attempted & BITS[i]) != 0;
                if (had && (!tried || mode == Mode.ONESHOT)) {
                    change(n++, fd, FILTERS[i], (short) (EV_ADD | modeFlags(mode)));
                } else if (!had && tried) {
                    change(n++, fd, FILTERS[i], EV_DELETE);
                }
            }
            submit(n); // best effort: ENOENT for a filter that never got added is expected
        } catch (ErrnoException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    @Override
    protected void implRegister(SelectorKey key) throws IOException {
        apply(key.fd(), key.events(), key.mode(), 0);
    }

    @Override
    protected void implModify(SelectorKey oldKey, SelectorKey newKey) throws IOException {
        apply(newKey.fd(), newKey.events(), newKey.mode(), oldKey.events());
    }

    @Override
    protected void implUnregister(SelectorKey key) throws IOException {
        int n = 0;
        if ((key.events() & Selector.READ) != 0) {
            change(n++, key.fd(), EVFILT_READ, EV_DELETE);
        }
        if ((key.events() & Selector.WRITE) != 0) {
            change(n++, key.fd(), EVFILT_WRITE, EV_DELETE);
        }
        int[] errors = submit(n);
        for (int i = 0; i < n; i++) {
            // ENOENT: a ONESHOT filter that fired, or a closed fd's filters, which the kernel dropped on close
            if (errors[i] != 0 && errors[i] != Errno.ENOENT && errors[i] != Errno.EBADF) {
                throw Errno.exception("kevent(EV_DELETE " + filterName(changes.filter(i)) + ", fd=" + key.fd() + ")",
                        errors[i]);
            }
        }
    }

    @Override
    protected int implSelect(long timeoutNanos, ReadyHandler handler) throws IOException {
        KqueueSyscalls.KEventArray buffer = events;
        int n = kqueue.wait(buffer, timespec, timeoutNanos);
        if (n <= 0) {
            return 0;
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            short filter = buffer.filter(i);
            long ident = buffer.ident(i);
            if (filter == evfiltUser && ident == WAKEUP_IDENT && evfiltUser != 0) {
                continue; // EV_CLEAR resets it
            }
            if (pipeWakeup != null && filter == EVFILT_READ && ident == pipeWakeup.fd()) {
                pipeWakeup.drain();
                continue;
            }
            if ((buffer.flags(i) & EV_ERROR) != 0 || (filter != EVFILT_READ && filter != EVFILT_WRITE)) {
                continue;
            }
            int fd = (int) ident;
            int bits = (buffer.flags(i) & EV_EOF) != 0 ? Selector.READ | Selector.WRITE
                    : filter == EVFILT_READ ? Selector.READ : Selector.WRITE;
            if (fd >= merged.length) {
                merged = Arrays.copyOf(merged, Math.max(fd + 1, merged.length * 2));
            }
            if (merged[fd] == 0) {
                touched[count++] = fd;
            }
            merged[fd] |= bits;
        }
        int reported = 0;
        try {
            for (int i = 0; i < count; i++) {
                int fd = touched[i];
                int bits = merged[fd];
                merged[fd] = 0;
                reported += report(fd, bits, handler);
            }
        } finally {
            for (int i = 0; i < count; i++) {
                merged[touched[i]] = 0; // a handler that threw must not leave stale bits
            }
        }
        if (n == buffer.capacity() && buffer.capacity() < MAX_EVENTS) {
            events = new KqueueSyscalls.KEventArray(buffer.capacity() * 2);
            touched = new int[buffer.capacity() * 2];
            buffer.close();
        }
        return reported;
    }

    /** A wait costs what the ready fds cost, so a busy loop's selects go without the blocking set-up. */
    @Override
    protected boolean pollBeforeBlocking() {
        return true;
    }

    /**
     * A kernel kqueue fd polls readable while events are pending, so the poller watches it alone; a kqueue from a
     * library named by {@code -Diowait.kqueue.library} (an emulator, libkqueue) may not, so the poller watches the keys.
     */
    @Override
    protected int pollableFd() {
        return KqueueSyscalls.LIBRARY.equals(com.sun.jna.Platform.C_LIBRARY_NAME) ? kqueue.fileno() : -1;
    }

    @Override
    protected void implWakeup() {
        if (pipeWakeup != null) {
            pipeWakeup.signal();
            return;
        }
        synchronized (trigger) {
            if (!kqueue.isClosed()) {
                org.iowait.kqueue.KqueueSyscalls.kevent(kqueue.fileno(), trigger.address(), 1, 0, 0, 0);
            }
        }
    }

    @Override
    protected void implClose() throws IOException {
        try {
            synchronized (trigger) {
                kqueue.close();
            }
        } finally {
            if (pipeWakeup != null) {
                pipeWakeup.close();
            }
            freeNative();
        }
    }

    private void freeNative() {
        changes.close();
        receipts.close();
        trigger.close();
        timespec.close();
        events.close();
    }
}
