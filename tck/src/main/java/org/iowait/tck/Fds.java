package org.iowait.tck;

import org.iowait.posix.Posix;

/**
 * Fd helpers for backend tests beyond the kit.
 *
 * <pre>{@code
 * int bad = Fds.closedFd();
 * assertThrows(ErrnoException.class, () -> selector.register(bad, Selector.READ));
 * }</pre>
 */
public final class Fds {
    private Fds() {
    }

    /**
     * @return an fd number that is not open: a high one, since the kernel hands out the lowest free number and
     *         another thread could otherwise reopen a just-closed low number at any moment
     */
    public static int closedFd() {
        int number = 1000; // below FD_SETSIZE, so every backend can be asked about it
        while (Posix.isOpen(number)) {
            number++;
        }
        return number;
    }
}
