package org.iowait;

/**
 * How a registration reports readiness.
 *
 * <pre>{@code
 * selector.register(fd, Selector.READ, null, Mode.ONESHOT);   // one report, then re-arm with modify()
 * }</pre>
 */
public enum Mode {
    /** Reported on every select while the fd is ready (the default, as select(2) and poll(2) do). */
    LEVEL,
    /** Reported once per transition to ready (epoll's EPOLLET, kqueue's EV_CLEAR); epoll and kqueue only. */
    EDGE,
    /** Reported once, then disarmed until {@link Selector#modify(Object, int)} re-arms it. */
    ONESHOT
}
