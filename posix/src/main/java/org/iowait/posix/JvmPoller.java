package org.iowait.posix;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;


import org.iowait.ErrnoException;
import org.iowait.spi.VirtualPoller;

/**
 * The JVM-wide poller: one daemon platform thread, {@code iowait-poller}, started on first use, waiting in poll(2)
 * on every fd that a parked virtual thread handed it, plus its own wakeup fd. A new watch wakes it (coalesced: one
 * signal while it sleeps) so the next poll(2) includes it; a fired watch leaves the set at once, a cancelled one on
 * the poller's next turn. Found by {@link java.util.ServiceLoader} as the {@link VirtualPoller}.
 *
 * <pre>{@code
 * VirtualPoller poller = new JvmPoller();       // every instance shares the one thread
 * Object watch = poller.watch(new int[] {fd}, new int[] {Selector.READ}, 1, Thread.currentThread());
 * try { LockSupport.parkNanos(this, timeoutNanos); } finally { poller.cancel(watch); }
 * }</pre>
 */
public final class JvmPoller implements VirtualPoller {
    /** For ServiceLoader; the poller thread starts with the first watch. */
    public JvmPoller() {
    }

    @Override
    public Object watch(int[] fds, int[] events, int count, Thread thread) throws IOException {
        short[] pollEvents = new short[count];
        for (int i = 0; i < count; i++) {
            pollEvents[i] = PollEvents.toPoll(events[i]);
        }
        Watch watch = new Watch(java.util.Arrays.copyOf(fds, count), pollEvents, thread);
        Loop.INSTANCE.add(watch);
        return watch;
    }

    @Override
    public void cancel(Object token) throws IOException {
        Watch watch = (Watch) token;
        watch.fired.set(true);
        Loop.INSTANCE.remove(watch);
        IOException failure = watch.failure;
        if (failure != null) {
            throw new IOException("the iowait poller failed while this thread waited: " + failure.getMessage(), failure);
        }
    }

    private static final class Watch {
        final int[] fds;
        final short[] events;
        final Thread thread;
        final AtomicBoolean fired = new AtomicBoolean();
        volatile IOException failure;

        Watch(int[] fds, short[] events, Thread thread) {
            this.fds = fds;
            this.events = events;
            this.thread = thread;
        }

        /** Unparks the thread unless the watch already fired or was cancelled. */
        boolean fire() {
            if (fired.compareAndSet(false, true)) {
                LockSupport.unpark(thread);
                return true;
            }
            return false;
        }
    }

    /** The poller thread's state; guarded by {@code this} except the native array, which only the thread touches. */
    private static final class Loop implements Runnable {
        static final Loop INSTANCE = start();

        private final Wakeup wakeup;
        private final Set<Watch> watches = new LinkedHashSet<>();
        private final PollFdArray array = new PollFdArray(64);
        /** Parallel to the array: the watch each entry belongs to (entry 0 is the wakeup fd). */
        private Watch[] owners = new Watch[64];
        private int count;
        private boolean dirty = true;
        /** True while the thread is in (or about to enter) poll(2) with a set that a new watch must interrupt. */
        private boolean sleeping;

        private Loop(Wakeup wakeup) {
            this.wakeup = wakeup;
        }

        private static Loop start() {
            Loop loop;
            try {
                loop = new Loop(Wakeup.open());
            } catch (ErrnoException e) {
                throw new IllegalStateException("cannot start the iowait poller: " + e.getMessage(), e);
            }
            Thread thread = new Thread(loop, "iowait-poller");
            thread.setDaemon(true);
            thread.start();
            return loop;
        }

        void add(Watch watch) {
            boolean signal;
            synchronized (this) {
                watches.add(watch);
                dirty = true;
                signal = sleeping;
                sleeping = false;
            }
            if (signal) {
                wakeup.signal();
            }
        }

        synchronized void remove(Watch watch) {
            if (watches.remove(watch)) {
                dirty = true; // left in the kernel's set until the next turn: at worst one spurious wake
            }
        }

        @Override
        public void run() {
            for (;;) {
                try {
                    turn();
                } catch (RuntimeException | Error e) {
                    failAll(new IOException("iowait poller: " + e, e)); // the thread must outlive any bug
                }
            }
        }

        private void turn() {
            synchronized (this) {
                if (dirty) {
                    rebuild();
                }
                sleeping = true;
            }
            int n = PollCall.poll(array.address(), count, -1);
            synchronized (this) {
                sleeping = false;
            }
            if (n < 0) {
                int errno = Errno.lastErrno();
                if (errno != Errno.EINTR && errno != Errno.EAGAIN) {
                    failAll(Errno.exception("poll(nfds=" + count + ") in the iowait poller", errno));
                }
                return;
            }
            dispatch(n);
        }

        private void dispatch(int n) {
            List<Watch> fired = new ArrayList<>();
            for (int i = 0, found = 0; i < count && found < n; i++) {
                if (array.revents(i) == 0) {
                    continue;
                }
                found++;
                if (i == 0) {
                    wakeup.drain();
                } else if (owners[i].fire()) {
                    fired.add(owners[i]);
                }
            }
            if (!fired.isEmpty()) {
                synchronized (this) {
                    for (Watch watch : fired) { // one by one: Set.removeAll of an equal-sized list is quadratic
                        watches.remove(watch);
                    }
                    dirty = true;
                }
            }
        }

        /** Every parked thread learns of the failure through cancel(), rather than sleeping to its timeout. */
        private void failAll(IOException failure) {
            synchronized (this) {
                for (Watch watch : watches) {
                    watch.failure = failure;
                    watch.fire();
                }
                watches.clear();
                dirty = true;
            }
        }

        private void rebuild() {
            int total = 1;
            for (Watch watch : watches) {
                total += watch.fds.length;
            }
            array.ensureCapacity(total);
            if (owners.length < total) {
                owners = new Watch[Math.max(total, owners.length * 2)];
            }
            array.set(0, wakeup.fd(), PollEvents.POLLIN);
            int i = 1;
            for (Watch watch : watches) {
                for (int j = 0; j < watch.fds.length; j++) {
                    owners[i] = watch;
                    array.set(i++, watch.fds[j], watch.events[j]);
                }
            }
            if (count > i) {
                java.util.Arrays.fill(owners, i, count, null); // no stale watch kept reachable
            }
            count = i;
            dirty = false;
        }
    }
}
