package org.iowait.posix;

import org.iowait.Selector;

/**
 * poll(2)'s event bits, numbered as the OS numbers them, and their mapping to the selector's {@code READ|WRITE}:
 * shared by the poll backend and Solaris {@code /dev/poll}, which both fill a {@link PollFdArray}. POLLIN, POLLPRI,
 * POLLOUT, POLLERR, POLLHUP and POLLNVAL are the same everywhere; the others are not.
 *
 * <pre>{@code
 * fds.set(i, fd, PollEvents.toPoll(Selector.READ));        // POLLIN
 * int events = PollEvents.fromPoll(fds.revents(i));        // READ, WRITE, or both for HUP/ERR/NVAL
 * }</pre>
 */
public final class PollEvents {
    public static final short POLLIN = 0x0001;
    public static final short POLLPRI = 0x0002;
    public static final short POLLOUT = 0x0004;
    public static final short POLLERR = 0x0008;
    public static final short POLLHUP = 0x0010;
    public static final short POLLNVAL = 0x0020;
    public static final short POLLRDNORM = 0x0040;
    public static final short POLLRDBAND = 0x0080;
    /** 0x100 on Linux; the BSDs and Solaris define it as POLLOUT. */
    public static final short POLLWRNORM = wrnorm(Os.host());
    /** 0x200 on Linux, 0x100 on the BSDs and Solaris. */
    public static final short POLLWRBAND = wrband(Os.host());
    /** Peer shut down writing: 0x2000 on Linux, 0x4000 on FreeBSD and illumos, 0 (absent) elsewhere. */
    public static final short POLLRDHUP = rdhup(Os.host());

    private PollEvents() {
    }

    public static short wrnorm(Os os) {
        return os == Os.LINUX ? (short) 0x0100 : POLLOUT;
    }

    public static short wrband(Os os) {
        return os == Os.LINUX ? (short) 0x0200 : (short) 0x0100;
    }

    /** @return POLLRDHUP's value on {@code os}, or 0 where it does not exist */
    public static short rdhup(Os os) {
        return switch (os) {
            case LINUX -> (short) 0x2000;
            case FREEBSD, SOLARIS -> (short) 0x4000;
            default -> 0;
        };
    }

    /** @return the poll mask for the selector's {@code READ|WRITE} bits */
    public static short toPoll(int events) {
        return (short) (((events & Selector.READ) != 0 ? POLLIN : 0) | ((events & Selector.WRITE) != 0 ? POLLOUT : 0));
    }

    /** HUP, ERR and NVAL wake both readers and writers: the next read or write reports the condition. */
    public static int fromPoll(int revents) {
        if ((revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) {
            return Selector.READ | Selector.WRITE;
        }
        return ((revents & (POLLIN | POLLPRI)) != 0 ? Selector.READ : 0) | ((revents & POLLOUT) != 0 ? Selector.WRITE : 0);
    }
}
