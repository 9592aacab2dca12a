package org.iowait.spi;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.iowait.Mode;
import org.iowait.SelectorKey;

/**
 * The virtual-thread side of one selector's select: the thread parked on the {@link VirtualPoller}, and what unparks
 * it besides the poller ({@code wakeup()}, {@code close()}, an interest change while the poller watches the keys).
 * The parked thread publishes itself before its last check of the ending conditions, and every other side writes its
 * condition before reading the parked thread, so no unpark is lost.
 */
final class ParkedSelect {
    private volatile Thread parked;
    /** Whether the poller watches the keys' fds (not one pollable fd), so an interest change must re-park. */
    private volatile boolean onKeys;
    /** Bumped under the selector's lock on every interest change, so a park can tell its key snapshot went stale. */
    private volatile long interestVersion;

    /** Called under the selector's lock after the key set changed. */
    void interestChanged() {
        interestVersion++;
        if (onKeys) {
            unpark(); // the poller watches the old key set: park again with the new one
        }
    }

    void unpark() {
        Thread thread = parked;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Parks until the poller sees {@code pollableFd} (or, when it is -1, an armed key's fd) ready, {@link #unpark},
     * an interrupt or {@code remaining} nanoseconds ({@code < 0}: no limit).
     *
     * @param ended checked after publishing the parked thread: true skips the park
     * @return false when it cannot park: no pollable fd and an EDGE key, whose edges poll(2) cannot see
     */
    boolean park(VirtualPoller poller, long remaining, int pollableFd, Map<Integer, SelectorKey> keys, KeyTable table,
            Object lock, BooleanSupplier ended) throws IOException {
        long version = interestVersion;
        Thread self = Thread.currentThread();
        Object watch;
        if (pollableFd >= 0) {
            watch = poller.watch(new int[] {pollableFd}, new int[] {org.iowait.Selector.READ}, 1, self);
        } else {
            int[] fds;
            int[] events;
            int count = 0;
            synchronized (lock) {
                fds = new int[keys.size()];
                events = new int[fds.length];
                for (SelectorKey key : keys.values()) {
                    if (key.mode() == Mode.EDGE) {
                        return false;
                    }
                    if (!table.isDisarmed(key.fd())) {
                        fds[count] = key.fd();
                        events[count++] = key.events();
                    }
                }
            }
            onKeys = true;
            watch = poller.watch(fds, events, count, self);
        }
        parked = self;
        try {
            if (!ended.getAsBoolean() && !self.isInterrupted() && version == interestVersion) {
                if (remaining < 0) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, remaining);
                }
            }
        } finally {
            parked = null;
            onKeys = false;
            poller.cancel(watch);
        }
        return true;
    }
}
