package org.iowait.posix;

import java.io.Closeable;

import com.sun.jna.Platform;

import org.iowait.ErrnoException;

/**
 * The fd a selector adds to its wait set so that another thread can interrupt a blocked wait: an eventfd on Linux,
 * a non-blocking self-pipe elsewhere. Coalescing is the caller's job ({@code AbstractSelector} keeps an atomic flag);
 * {@link #signal()} never blocks, and a full pipe already means "woken".
 *
 * <pre>{@code
 * try (Wakeup wakeup = Wakeup.open()) {
 *     watch(wakeup.fd());
 *     wakeup.signal();              // from any thread
 *     wakeup.drain();               // in the selecting thread, when wakeup.fd() is readable
 * }
 * }</pre>
 */
public interface Wakeup extends Closeable {
    /** @return the fd to watch for readability */
    int fd();

    /** Makes {@link #fd()} readable; never blocks, never throws. */
    void signal();

    /** Makes {@link #fd()} unreadable again. */
    void drain();

    /** Releases the fds; idempotent. */
    @Override
    void close();

    /**
     * @return an eventfd wakeup on Linux, a self-pipe elsewhere, and a self-pipe on Linux when eventfd is refused
     *         (a seccomp profile that denies eventfd2 makes it fail with EPERM or ENOSYS)
     */
    static Wakeup open() throws ErrnoException {
        if (Platform.isLinux()) {
            try {
                return new EventFdWakeup();
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EPERM && e.errno() != Errno.ENOSYS) {
                    throw e;
                }
            }
        }
        return new PipeWakeup();
    }
}
