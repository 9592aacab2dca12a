package org.iowait.kqueue;

/**
 * One {@code struct kevent}: a change for {@link Kqueue#control} or an event it returned (Python's
 * {@code select.kevent}). Fields keep the C types' bits: {@code flags} is a {@code u_short} in a {@code short},
 * {@code fflags} a {@code u_int} in an {@code int}.
 *
 * <pre>{@code
 * KEvent add = KEvent.of(fd, KEvent.EVFILT_READ, KEvent.EV_ADD);
 * List<KEvent> ready = kqueue.control(List.of(add), 16, Duration.ofSeconds(1));
 * }</pre>
 */
public record KEvent(long ident, short filter, short flags, int fflags, long data, long udata) {
    public static final short EVFILT_READ = -1;
    public static final short EVFILT_WRITE = -2;
    public static final short EVFILT_AIO = -3;
    public static final short EVFILT_VNODE = -4;
    public static final short EVFILT_PROC = -5;
    public static final short EVFILT_SIGNAL = -6;
    public static final short EVFILT_TIMER = -7;
    /** EVFILT_USER on macOS; FreeBSD numbers it -11 (see {@link KqueueAbi#evfiltUser()}). */
    public static final short EVFILT_USER_MACOS = -10;
    public static final short EVFILT_USER_FREEBSD = -11;

    public static final short EV_ADD = 0x0001;
    public static final short EV_DELETE = 0x0002;
    public static final short EV_ENABLE = 0x0004;
    public static final short EV_DISABLE = 0x0008;
    public static final short EV_ONESHOT = 0x0010;
    public static final short EV_CLEAR = 0x0020;
    public static final short EV_RECEIPT = 0x0040;
    public static final short EV_DISPATCH = 0x0080;
    public static final short EV_ERROR = 0x4000;
    public static final short EV_EOF = (short) 0x8000;

    public static final int NOTE_FFNOP = 0x00000000;
    public static final int NOTE_FFAND = 0x40000000;
    public static final int NOTE_FFOR = 0x80000000;
    public static final int NOTE_FFCOPY = 0xc0000000;
    public static final int NOTE_FFCTRLMASK = 0xc0000000;
    public static final int NOTE_FFLAGSMASK = 0x00ffffff;
    public static final int NOTE_TRIGGER = 0x01000000;

    /** @return a change with no fflags, data or udata */
    public static KEvent of(long ident, short filter, short flags) {
        return new KEvent(ident, filter, flags, 0, 0, 0);
    }

    /** @return whether {@code flag} is among the flags */
    public boolean has(short flag) {
        return (flags & flag) != 0;
    }
}
