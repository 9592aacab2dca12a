package org.iowait.spi;

import java.io.IOException;

/**
 * The JVM-wide poller that lets a virtual thread wait for fds without pinning its carrier: the thread hands it fds,
 * parks, and the poller (one platform thread, waiting in the kernel for every parked thread at once) unparks it when
 * one of them is ready. {@link AbstractSelector} and the one-fd wait use it on virtual threads only; it is found by
 * {@link java.util.ServiceLoader} (the posix module provides one), so the api module stays free of native code.
 *
 * <pre>{@code
 * Object watch = poller.watch(new int[] {fd}, new int[] {Selector.READ}, 1, Thread.currentThread());
 * try {
 *     LockSupport.parkNanos(this, timeoutNanos);   // the poller unparks us when fd is readable
 * } finally {
 *     poller.cancel(watch);
 * }
 * }</pre>
 */
public interface VirtualPoller {
    /**
     * Watches {@code fds[0..count)} for {@code events[i]} ({@code Selector.READ}/{@code WRITE} bits; hang-up and
     * errors count too) and unparks {@code thread} once, when the first of them is ready. Never blocks. The arrays
     * are copied.
     *
     * @return the token to pass to {@link #cancel}
     */
    Object watch(int[] fds, int[] events, int count, Thread thread) throws IOException;

    /**
     * Ends a watch, fired or not; idempotent. The poller may still unpark the thread once after this returns (a
     * spurious wakeup, which every park loop tolerates), but never later.
     *
     * @throws IOException the poller's own kernel wait failed while this watch was in it
     */
    void cancel(Object token) throws IOException;
}
