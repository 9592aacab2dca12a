package org.iowait.posix;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;


import org.iowait.Selector;
import org.iowait.spi.InterruptBridge;
import org.iowait.spi.Timeouts;
import org.iowait.spi.VirtualPoller;
import org.iowait.spi.VirtualThreads;

/**
 * Waits for one fd with poll(2), opening nothing per call: Python's {@code select.select([f], [], [], t)} for one
 * object, and the wait behind {@code IOWait.waitFor} and the channels' blocking writes.
 *
 * <p>On a platform thread it is one poll(2) of the fd and a pooled wakeup fd, which {@link Thread#interrupt()} signals
 * (through {@link InterruptBridge}). On a virtual thread it polls with a zero timeout and, when nothing is ready,
 * parks on the JVM-wide poller ({@link JvmPoller}), so its carrier is free. Either way an interrupt ends the wait early
 * (0 returned, interrupt status kept set), and a wait entered with the status set only polls.
 *
 * <pre>{@code
 * int ready = FdWait.waitFor(fd, Selector.READ, TimeUnit.SECONDS.toNanos(1));   // READ, or 0 after a second
 * }</pre>
 */
public final class FdWait {
    /** Slots kept for reuse; more concurrent waiters allocate and free their own. */
    private static final int POOL_SIZE = 16;
    private static final ConcurrentLinkedQueue<Slot> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    private FdWait() {
    }

    /**
     * @param events       {@code Selector.READ}, {@code WRITE} or both
     * @param timeoutNanos {@link Timeouts#INFINITE} blocks, 0 polls
     * @return the ready events masked by {@code events} (hang-up and errors count as both), 0 at the timeout or on
     *         an interrupt
     * @throws IllegalArgumentException bad events or a negative fd
     * @throws org.iowait.ErrnoException EBADF when {@code fd} is not open
     */
    public static int waitFor(int fd, int events, long timeoutNanos) throws IOException {
        if (events == 0 || (events & ~(Selector.READ | Selector.WRITE)) != 0) {
            throw new IllegalArgumentException("invalid events " + events
                    + ": expected Selector.READ (1), Selector.WRITE (2) or both (3)");
        }
        if (fd < 0) {
            throw new IllegalArgumentException("fd must not be negative: " + fd);
        }
        Thread self = Thread.currentThread();
        long nanos = self.isInterrupted() ? 0 : timeoutNanos;
        Slot slot = borrow();
        try {
            VirtualPoller poller = nanos != 0 && VirtualThreads.isVirtual(self) ? VirtualThreads.poller() : null;
            return poller != null ? parked(slot, poller, fd, events, nanos) : blocking(slot, fd, events, nanos);
        } finally {
            giveBack(slot);
        }
    }

    private static int blocking(Slot slot, int fd, int events, long nanos) throws IOException {
        slot.array.set(0, fd, PollEvents.toPoll(events));
        int nfds = 1;
        if (nanos != 0) {
            slot.array.set(1, slot.wakeup().fd(), PollEvents.POLLIN);
            nfds = 2;
            slot.bridge.enter();
        }
        try {
            long start = System.nanoTime();
            for (;;) {
                int n = PollCall.poll(slot.array.address(), nfds, Timeouts.millis(Timeouts.remaining(nanos, start)));
                if (n < 0) {
                    int errno = Errno.lastErrno();
                    if (errno != Errno.EINTR) {
                        throw Errno.exception("poll(fd=" + fd + ")", errno);
                    }
                } else if (n > 0) {
                    if (nfds == 2 && slot.array.revents(1) != 0) {
                        slot.wakeup.drain();
                    }
                    return result(slot, fd, events);
                }
                if (n == 0 && nanos >= 0 && Timeouts.remaining(nanos, start) == 0) {
                    return 0;
                }
            }
        } finally {
            if (nfds == 2) {
                slot.bridge.exit();
                if (Thread.currentThread().isInterrupted()) {
                    slot.wakeup.drain(); // an interrupt after the poll returned: leave the pooled fd clean
                }
            }
        }
    }

    private static int parked(Slot slot, VirtualPoller poller, int fd, int events, long nanos) throws IOException {
        long deadline = System.nanoTime() + nanos;
        int[] fds = {fd};
        int[] wanted = {events};
        for (;;) {
            int ready = blocking(slot, fd, events, 0);
            Thread self = Thread.currentThread();
            if (ready != 0 || self.isInterrupted()) {
                return ready;
            }
            long remaining = deadline - System.nanoTime();
            if (nanos > 0 && remaining <= 0) {
                return 0;
            }
            Object watch = poller.watch(fds, wanted, 1, self);
            try {
                if (nanos < 0) {
                    LockSupport.park(FdWait.class);
                } else {
                    LockSupport.parkNanos(FdWait.class, remaining);
                }
            } finally {
                poller.cancel(watch);
            }
        }
    }

    private static int result(Slot slot, int fd, int events) throws IOException {
        short revents = slot.array.revents(0);
        if ((revents & PollEvents.POLLNVAL) != 0) {
            throw Errno.exception("poll(fd=" + fd + ")", Errno.EBADF);
        }
        return PollEvents.fromPoll(revents) & events;
    }

    private static Slot borrow() {
        Slot slot = POOL.poll();
        if (slot == null) {
            return new Slot();
        }
        POOLED.decrementAndGet();
        return slot;
    }

    private static void giveBack(Slot slot) {
        if (POOLED.incrementAndGet() <= POOL_SIZE) {
            POOL.add(slot);
        } else {
            POOLED.decrementAndGet();
            slot.close();
        }
    }

    /** A pollfd pair and, for platform threads, the wakeup fd an interrupt signals. */
    private static final class Slot {
        final PollFdArray array = new PollFdArray(2);
        final InterruptBridge bridge = new InterruptBridge(this::interrupted);
        Wakeup wakeup;

        Wakeup wakeup() throws IOException {
            if (wakeup == null) {
                wakeup = Wakeup.open();
            }
            return wakeup;
        }

        private void interrupted() {
            wakeup.signal();
        }

        void close() {
            array.close();
            if (wakeup != null) {
                wakeup.close();
            }
        }
    }
}
