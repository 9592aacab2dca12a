package org.iowait.spi;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import org.iowait.Mode;
import org.iowait.Selector;

/**
 * A backend, found by {@link java.util.ServiceLoader}. Register it both ways so it is found on the class path and
 * on the module path:
 *
 * <pre>{@code
 * @AutoService(SelectorProvider.class)
 * public final class MyProvider implements SelectorProvider { ... }
 *
 * // module-info.java
 * provides org.iowait.spi.SelectorProvider with com.example.MyProvider;
 * }</pre>
 *
 * <p>Check a provider against the contract by extending {@code org.iowait.tck.SelectorTck}.
 */
public interface SelectorProvider {
    /** @return the backend's name: {@code "select"}, {@code "poll"}, {@code "epoll"}, {@code "kqueue"}, {@code "devpoll"}, ... */
    String name();

    /** @return higher wins: epoll 400, kqueue 400, devpoll 300, poll 200, select 100 */
    int priority();

    /** @return whether {@link #open()} can work on this host; cheap, cached, and never throws (not even LinkageError) */
    boolean isAvailable();

    /** @return why the provider is unavailable, empty when it is available */
    Optional<Throwable> unavailabilityCause();

    /** @return the modes its selectors accept; always contains {@link Mode#LEVEL} */
    Set<Mode> modes();

    /**
     * @return how this backend reaches the kernel and why, for {@code DefaultSelector.describe()} and
     *         {@code cli backends} (e.g. {@code "native layer ffm: JDK 25 (java.lang.foreign, ...)"}); empty when
     *         there is nothing to say
     */
    default String description() {
        return "";
    }

    /** @return a new selector; the caller closes it */
    Selector open() throws IOException;

    /**
     * Waits for one fd: the seam behind {@link org.iowait.IOWait#waitFor}. This default opens a selector for the
     * call; the posix providers override it with one poll(2) and no selector. Follows the blocking rules of
     * {@link AbstractSelector} (virtual threads park, an interrupt ends the wait with 0).
     *
     * @param events       {@code Selector.READ}, {@code WRITE} or both (checked by the caller)
     * @param timeoutNanos {@link Timeouts#INFINITE} blocks, 0 polls
     * @return the ready events, 0 at the timeout
     * @throws org.iowait.ErrnoException EBADF when {@code fd} is not open
     */
    default int waitFor(int fd, int events, long timeoutNanos) throws IOException {
        try (Selector selector = open()) {
            selector.register(fd, events);
            int[] ready = {0};
            selector.select(timeoutNanos < 0 ? null : java.time.Duration.ofNanos(timeoutNanos),
                    (key, ev) -> ready[0] |= ev);
            return ready[0];
        }
    }
}
