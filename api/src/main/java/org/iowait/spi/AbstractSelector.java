package org.iowait.spi;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.iowait.FileDescriptors;
import org.iowait.Mode;
import org.iowait.Ready;
import org.iowait.ReadyHandler;
import org.iowait.Selector;
import org.iowait.SelectorKey;

/**
 * The bookkeeping every backend shares, so a backend supplies only its system calls (as CPython's
 * {@code _BaseSelectorImpl} does): argument checks, the fd-to-key table, the closed state, the one-selecting-thread
 * rule, timeout arithmetic (round-up, clamping, EINTR and early-return retries against a monotonic deadline),
 * coalesced wakeups, ONESHOT bookkeeping and safe close while another thread selects.
 *
 * <p><b>Blocking, virtual threads and interrupts</b> live here, not in the backends. A select with a timeout other
 * than zero:
 * <ul>
 * <li>on a platform thread makes the kernel wait, no extra thread on its path, inside an {@link InterruptBridge}:
 * {@link Thread#interrupt()} signals the wakeup fd (as {@link #wakeup()} does), so the select returns early with the
 * interrupt status kept set. On a backend that {@linkplain #pollBeforeBlocking polls cheaply} a zero-timeout wait
 * comes first, and a select it satisfies never enters the bridge;</li>
 * <li>on a virtual thread (JDK 21+, found through {@link VirtualThreads}) makes zero-timeout kernel waits only, and
 * between them parks: it hands the {@link VirtualPoller} (one JVM-wide platform thread in posix) the backend's
 * {@link #pollableFd()} — an epoll or kqueue fd, readable while events are pending — or else every armed key's fd,
 * and the poller unparks it when one is ready. {@code wakeup()}, {@code close()}, an interrupt and the deadline unpark
 * it too; an interest change does when the poller watches the keys. The poller's watch ends with the park, however it
 * ends. A select that finds events on its first zero-timeout wait does nothing more. A backend without a pollable fd
 * and with an EDGE key blocks its carrier instead (poll(2) cannot see edges).</li>
 * </ul>
 * A select entered with the interrupt status set does not block (it only polls), as in
 * {@code java.nio.channels.Selector}.
 *
 * <p>A backend implements the {@code impl*} hooks. Registration hooks run under {@link #lock()} and must leave the
 * kernel state unchanged when they throw. {@link #implSelect} makes one kernel wait and hands each result to
 * {@link #report}.
 *
 * <pre>{@code
 * final class MySelector extends AbstractSelector {
 *     MySelector() { super("mine", EnumSet.of(Mode.LEVEL, Mode.ONESHOT)); }
 *     protected void implRegister(SelectorKey key) throws IOException { ctl(ADD, key.fd(), key.events()); }
 *     ...
 *     protected int implSelect(long timeoutNanos, ReadyHandler handler) throws IOException {
 *         int n = waitInKernel(timeoutMillis(timeoutNanos));
 *         int reported = 0;
 *         for (int i = 0; i < n; i++) reported += report(fdAt(i), eventsAt(i), handler);
 *         return reported;
 *     }
 * }
 * }</pre>
 */
public abstract class AbstractSelector implements Selector {
    /** Timeouts are clamped here (about 73 years) so that deadline arithmetic cannot overflow. */
    protected static final long MAX_TIMEOUT_NANOS = Timeouts.MAX_NANOS;
    /** {@link #implSelect}'s timeout meaning "block until something happens". */
    protected static final long INFINITE = Timeouts.INFINITE;
    /** After a zero-timeout wait that found nothing, this many blocking selects go straight to the blocking wait. */
    private static final int PROBE_BACKOFF = 8;

    private final String backend;
    private final Set<Mode> modes;
    private final KeyTable table = new KeyTable();
    private final Map<Integer, SelectorKey> keysView = table.view();
    private final Object lock = new Object();
    private final SelectLock selectLock = new SelectLock();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The virtual thread parked in select, for wakeup(), close() and interest changes to unpark. */
    private final ParkedSelect parked = new ParkedSelect();
    /** Relays Thread.interrupt() to signalWakeup(); created on the first blocking select. */
    private volatile InterruptBridge interruptBridge;
    /** Set when close() ran inside a ReadyHandler: the selecting thread releases on its way out. */
    private boolean releaseOnSelectExit;
    /** Selecting thread only: blocking selects to go before one starts with a zero-timeout wait again. */
    private int probeBackoff;
    /** Selecting thread only: what a ReadyHandler threw, rethrown once the kernel's batch has been accounted for. */
    private Throwable handlerFailure;
    /**
     * Selecting thread only: EDGE and ONESHOT events of a batch whose handler threw before they were handed out. The
     * kernel has consumed them (an edge, or a disarm), so they are handed out by the next select instead of lost.
     */
    private List<Ready> deferred;

    /**
     * @param backend the provider's name
     * @param modes   the modes this backend implements; must contain LEVEL
     */
    protected AbstractSelector(String backend, Set<Mode> modes) {
        this.backend = Objects.requireNonNull(backend, "backend");
        if (!modes.contains(Mode.LEVEL)) {
            throw new IllegalArgumentException("every backend supports Mode.LEVEL");
        }
        this.modes = Collections.unmodifiableSet(EnumSet.copyOf(modes));
    }

    // ------------------------------------------------------------------ hooks

    /** Adds {@code key.fd()} to the kernel's interest set with {@code key.events()} and {@code key.mode()}. */
    protected abstract void implRegister(SelectorKey key) throws IOException;

    /**
     * Replaces the kernel's interest for {@code newKey.fd()}; also re-arms a fired ONESHOT registration. Called only
     * when the events change or a ONESHOT key is re-armed.
     */
    protected abstract void implModify(SelectorKey oldKey, SelectorKey newKey) throws IOException;

    /** Drops the fd from the kernel's interest set; must succeed when the fd was closed or its number reused. */
    protected abstract void implUnregister(SelectorKey key) throws IOException;

    /**
     * One kernel wait of at most {@code timeoutNanos} ({@link #INFINITE}, 0, or positive and at most
     * {@link #MAX_TIMEOUT_NANOS}; round it up to the kernel's unit, see {@link #timeoutMillis}). Hand each ready fd
     * to {@link #report} once, with HUP/ERR/NVAL mapped to {@code READ|WRITE}. Drain the wakeup fd whenever it is
     * ready. Return 0 on EINTR: the caller retries with the remaining time.
     *
     * @return the sum of what {@link #report} returned
     */
    protected abstract int implSelect(long timeoutNanos, ReadyHandler handler) throws IOException;

    /**
     * An fd that polls readable whenever {@link #implSelect} would find something (an epoll or kqueue fd), for the
     * JVM-wide poller to watch while a virtual thread waits; -1 (the default) makes the poller watch every armed
     * key's fd instead (then a selector holding an EDGE key blocks its carrier, as poll(2) cannot watch edges).
     */
    protected int pollableFd() {
        return -1;
    }

    /** Makes a blocked or the next {@link #implSelect} return; must never block (use a non-blocking fd). */
    protected abstract void implWakeup();

    /** Frees every fd and native buffer. Called once, when no thread is in {@link #implSelect}. */
    protected abstract void implClose() throws IOException;

    /**
     * Called under {@link #lock()} when a ONESHOT key has been reported. Backends whose kernel disarms by itself
     * (epoll, kqueue) keep the default; emulating backends stop watching the fd here.
     */
    protected void implDisarm(SelectorKey key) {
    }

    /**
     * Whether a blocking select on a platform thread first makes a zero-timeout kernel wait and blocks only when that
     * finds nothing. True for backends whose wait costs grow with the ready fds, not the registered ones (epoll,
     * kqueue), and for poll while its set is small: a busy event loop, whose fds are mostly ready when it selects,
     * then never pays for setting up a blocking wait (the interrupt relay around it, the clock read for its deadline,
     * and a backend may bind its zero-timeout wait more cheaply). After such a wait finds nothing, the next 8 selects
     * block at once, so an idle loop pays for one extra system call in nine waits.
     */
    protected boolean pollBeforeBlocking() {
        return false;
    }

    /**
     * Whether a registration change must interrupt a select in progress to take effect (true for backends that pass
     * their whole interest set to each kernel wait, such as poll and select).
     */
    protected boolean wakeOnInterestChange() {
        return false;
    }

    // ------------------------------------------------------------------ helpers for backends

    /** The lock that registration hooks run under; also guards a backend's own interest bookkeeping. */
    protected final Object lock() {
        return lock;
    }

    /**
     * Hands one kernel result to the handler: drops fds no longer registered and disarmed ONESHOT keys, masks the
     * events by the key's interest, disarms a ONESHOT key.
     *
     * @param fd     the ready fd
     * @param events the ready events as {@code READ|WRITE} bits
     * @return 1 when the handler was called, else 0
     */
    protected final int report(int fd, int events, ReadyHandler handler) throws IOException {
        return report(table.get(fd), events, handler);
    }

    /**
     * {@link #report(int, int, ReadyHandler)} for a key the backend has just taken from {@link #keyFor}, so the select
     * loop looks each ready fd up once.
     *
     * @param key the ready fd's key, or null (nothing is reported)
     */
    protected final int report(SelectorKey key, int events, ReadyHandler handler) throws IOException {
        if (key == null || closed.get()) {
            return 0;
        }
        if (key.mode() == Mode.ONESHOT) {
            int fd = key.fd();
            synchronized (lock) {
                // Re-read under the lock: a modify that changed only the attachment since the lock-free read must
                // not make this report vanish, or the kernel would stay disarmed while the key says armed.
                key = table.get(fd);
                if (key == null || key.mode() != Mode.ONESHOT || table.isDisarmed(fd) || (events & key.events()) == 0) {
                    return 0;
                }
                table.disarm(fd);
                implDisarm(key);
            }
        }
        int ready = events & key.events();
        if (ready == 0) {
            return 0;
        }
        return handOut(key, ready, handler);
    }

    /** Calls the handler; after a handler threw, keeps what the kernel will not report again for the next select. */
    private int handOut(SelectorKey key, int ready, ReadyHandler handler) {
        if (handlerFailure != null) {
            if (key.mode() != Mode.LEVEL) {
                if (deferred == null) {
                    deferred = new ArrayList<>();
                }
                deferred.add(new Ready(key, ready));
            }
            return 0;
        }
        try {
            handler.ready(key, ready);
        } catch (IOException | RuntimeException | Error e) {
            handlerFailure = e;
        }
        return 1;
    }

    /** Hands out the events deferred by a handler that threw; each only while its key still waits for it. */
    private int handOutDeferred(ReadyHandler handler) {
        List<Ready> pending = deferred;
        deferred = null;
        int reported = 0;
        for (Ready r : pending) {
            SelectorKey key = table.get(r.key().fd());
            // a modify since (a re-arm, or new events) lets the kernel report afresh: the old event is stale
            boolean current = key != null && key.mode() == r.key().mode() && key.events() == r.key().events()
                    && (key.mode() != Mode.ONESHOT || table.isDisarmed(key.fd()));
            int ready = current ? r.events() & key.events() : 0;
            if (ready != 0) {
                reported += handOut(key, ready, handler);
            }
        }
        return reported;
    }

    private void rethrowHandlerFailure() throws IOException {
        Throwable failure = handlerFailure;
        if (failure != null) {
            handlerFailure = null;
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) failure;
        }
    }

    /** @return the key registered for {@code fd}, or null; lock-free */
    protected final SelectorKey keyFor(int fd) {
        return table.get(fd);
    }

    /** @return whether {@code fd}'s ONESHOT key has fired and waits for a re-arm */
    protected final boolean isDisarmed(int fd) {
        return table.isDisarmed(fd);
    }

    /** @return a timeout in milliseconds for poll(2)-like calls: -1, 0, or rounded up and clamped to int */
    protected static int timeoutMillis(long timeoutNanos) {
        return Timeouts.millis(timeoutNanos);
    }

    /** @return the timeout in nanoseconds: INFINITE for null, 0 for zero or negative, else clamped */
    protected static long toNanos(Duration timeout) {
        return Timeouts.pollingNanos(timeout);
    }

    // ------------------------------------------------------------------ registration

    @Override
    public final SelectorKey register(Object fileobj, int events, Object attachment, Mode mode) throws IOException {
        ensureOpen();
        Objects.requireNonNull(mode, "mode is null");
        checkEvents(events);
        int fd = FileDescriptors.fdOf(fileobj);
        if (!modes.contains(mode)) {
            throw new UnsupportedOperationException("the " + backend + " backend does not support " + mode
                    + " mode; it supports " + modes);
        }
        SelectorKey key = new SelectorKey(fileobj, fd, events, attachment, mode);
        synchronized (lock) {
            ensureOpen();
            SelectorKey existing = table.get(fd);
            if (existing != null) {
                throw new IllegalArgumentException("fd " + fd + " is already registered (as "
                        + describe(existing.fileobj()) + "); use modify() to change it");
            }
            implRegister(key);
            table.put(key);
            interestChanged();
        }
        return key;
    }

    @Override
    public final SelectorKey modify(Object fileobj, int events) throws IOException {
        return modify(fileobj, events, null, true);
    }

    @Override
    public final SelectorKey modify(Object fileobj, int events, Object attachment) throws IOException {
        return modify(fileobj, events, attachment, false);
    }

    private SelectorKey modify(Object fileobj, int events, Object attachment, boolean keepAttachment)
            throws IOException {
        ensureOpen();
        checkEvents(events);
        synchronized (lock) {
            ensureOpen();
            SelectorKey old = lookup(fileobj);
            SelectorKey key = new SelectorKey(old.fileobj(), old.fd(), events,
                    keepAttachment ? old.attachment() : attachment, old.mode());
            boolean rearm = table.isDisarmed(old.fd());
            if (events != old.events() || rearm) {
                implModify(old, key);
                table.put(key);
                interestChanged();
            } else {
                table.put(key);
            }
            return key;
        }
    }

    @Override
    public final SelectorKey unregister(Object fileobj) throws IOException {
        ensureOpen();
        synchronized (lock) {
            ensureOpen();
            SelectorKey key = lookup(fileobj);
            implUnregister(key);
            table.remove(key.fd());
            interestChanged();
            return key;
        }
    }

    @Override
    public final SelectorKey getKey(Object fileobj) {
        ensureOpen();
        return lookup(fileobj);
    }

    @Override
    public final Map<Integer, SelectorKey> keys() {
        ensureOpen();
        return keysView;
    }

    private SelectorKey lookup(Object fileobj) {
        Objects.requireNonNull(fileobj, "fileobj is null");
        SelectorKey key;
        try {
            key = table.get(FileDescriptors.fdOf(fileobj));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The object may have been closed since it was registered: find it by identity, as Python does.
            key = table.findByFileobj(fileobj);
            if (key == null) {
                throw e;
            }
        }
        if (key == null) {
            throw new NoSuchElementException(describe(fileobj) + " is not registered with this " + backend
                    + " selector");
        }
        return key;
    }

    private static void checkEvents(int events) {
        if (events == 0 || (events & ~(READ | WRITE)) != 0) {
            throw new IllegalArgumentException("invalid events " + events
                    + ": expected Selector.READ (1), Selector.WRITE (2) or both (3)");
        }
    }

    private static String describe(Object fileobj) {
        if (fileobj instanceof Integer) {
            return "fd " + fileobj;
        }
        try {
            return fileobj.getClass().getName() + " (fd " + FileDescriptors.fdOf(fileobj) + ")";
        } catch (RuntimeException e) {
            return fileobj.getClass().getName();
        }
    }

    private void interestChanged() {
        parked.interestChanged();
        Thread selecting;
        if (wakeOnInterestChange() && (selecting = selectLock.owner()) != null && selecting != Thread.currentThread()) {
            implWakeup();
        }
    }

    // ------------------------------------------------------------------ select

    @Override
    public final int select(Duration timeout, ReadyHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler is null");
        long timeoutNanos = toNanos(timeout);
        ensureOpen();
        if (selectLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("select called from inside a ReadyHandler of the same selector");
        }
        if (!selectLock.tryLock()) {
            ensureOpen();
            throw new IllegalStateException("another thread (" + selectLock.owner()
                    + ") is already selecting on this " + backend + " selector");
        }
        try {
            ensureOpen();
            Thread self = Thread.currentThread();
            if (timeoutNanos != 0 && self.isInterrupted()) {
                timeoutNanos = 0; // as java.nio.channels.Selector: an interrupted thread does not block
            }
            if (timeoutNanos == 0) {
                return selectLoop(0, handler, null);
            }
            VirtualPoller poller = VirtualThreads.isVirtual(self) ? VirtualThreads.poller() : null;
            return selectLoop(timeoutNanos, handler, poller);
        } finally {
            try {
                if (releaseOnSelectExit) {
                    releaseOnSelectExit = false;
                    release();
                }
            } finally {
                selectLock.unlock();
            }
        }
    }

    /**
     * Without a poller: kernel waits of the remaining time, the first of zero timeout when {@link #pollBeforeBlocking}
     * says so. With one (a virtual thread): zero-timeout kernel waits, parking on the poller between them, so the
     * carrier is never blocked. Only a kernel wait that may block runs inside the {@link InterruptBridge}.
     */
    private int selectLoop(long timeoutNanos, ReadyHandler handler, VirtualPoller poller) throws IOException {
        // The deadline is taken before the first wait that may block or park: a select that its first, zero-timeout
        // wait satisfies never reads the clock, and until the deadline is taken no time counts as spent.
        boolean timed = false;
        long deadline = 0;
        long remaining = timeoutNanos;
        boolean parking = poller != null;
        boolean probing = timeoutNanos != 0 && !parking && probeFirst();
        if (deferred != null) {
            int reported = handOutDeferred(handler);
            rethrowHandlerFailure();
            if (reported > 0) {
                return reported;
            }
        }
        InterruptBridge bridge = null;
        try {
            for (;;) {
                long wait = parking || probing ? 0 : remaining;
                if (timeoutNanos > 0 && !timed && (wait > 0 || parking)) {
                    timed = true;
                    deadline = System.nanoTime() + timeoutNanos;
                }
                if (wait != 0 && bridge == null) {
                    bridge = interruptBridge();
                    bridge.enter();
                }
                int reported;
                try {
                    reported = implSelect(wait, handler);
                } finally {
                    rethrowHandlerFailure(); // after the whole batch, so no event of it is lost
                }
                ensureOpen();
                // a plain read first: the atomic exchange is paid only when a wakeup is pending
                boolean woken = wakeupPending.get() && wakeupPending.getAndSet(false);
                if (probing) {
                    probing = false;
                    probeBackoff = reported > 0 || woken ? 0 : PROBE_BACKOFF;
                }
                if (reported > 0 || woken || timeoutNanos == 0 || Thread.currentThread().isInterrupted()) {
                    return reported;
                }
                if (timeoutNanos > 0) {
                    remaining = timed ? deadline - System.nanoTime() : timeoutNanos;
                    if (remaining <= 0) {
                        return 0;
                    }
                }
                if (parking && !parked.park(poller, remaining, pollableFd(), keysView, table, lock,
                        () -> wakeupPending.get() || closed.get())) {
                    parking = false; // EDGE keys and no pollable fd (see pollableFd): the kernel wait blocks
                }
            }
        } finally {
            if (bridge != null) {
                bridge.exit();
            }
        }
    }

    /** @return whether this blocking select starts with a zero-timeout wait; counts down the backoff when not */
    private boolean probeFirst() {
        if (!pollBeforeBlocking()) {
            return false;
        }
        if (probeBackoff > 0) {
            probeBackoff--;
            return false;
        }
        return true;
    }

    /** A no-op once closed, as in the JDK, so shutdown code that wakes a selector cannot race into an exception. */
    @Override
    public final void wakeup() {
        if (!closed.get()) {
            signalWakeup();
        }
    }

    private void signalWakeup() {
        if (wakeupPending.compareAndSet(false, true)) {
            implWakeup();
            parked.unpark();
        }
    }

    private InterruptBridge interruptBridge() {
        InterruptBridge bridge = interruptBridge;
        if (bridge == null) {
            bridge = new InterruptBridge(this::signalWakeup);
            interruptBridge = bridge;
        }
        return bridge;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public final String backend() {
        return backend;
    }

    @Override
    public final Set<Mode> modes() {
        ensureOpen();
        return modes;
    }

    @Override
    public final boolean isOpen() {
        return !closed.get();
    }

    /** @throws ClosedSelectorException once {@link #close()} was called */
    protected final void ensureOpen() {
        if (closed.get()) {
            throw new ClosedSelectorException();
        }
    }

    @Override
    public final void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        implWakeup();
        parked.unpark();
        if (selectLock.isHeldByCurrentThread()) {
            releaseOnSelectExit = true; // close() from a ReadyHandler: the kernel buffers are still being read
            return;
        }
        selectLock.lock(); // waits for a select in another thread to leave the kernel
        try {
            release();
        } finally {
            selectLock.unlock();
        }
    }

    private void release() throws IOException {
        synchronized (lock) {
            table.clear();
            implClose();
        }
    }

    /** The lock a select holds; its owner is the selecting thread, so a select publishes no field of its own. */
    private static final class SelectLock extends ReentrantLock {
        private static final long serialVersionUID = 1L;

        /** @return the selecting thread, or null */
        Thread owner() {
            return getOwner();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + backend + (isOpen() ? ", " + keysView.size() + " keys]" : ", closed]");
    }
}
