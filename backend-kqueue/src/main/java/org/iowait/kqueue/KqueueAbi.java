package org.iowait.kqueue;

import java.util.Locale;

/**
 * The {@code struct kevent} layouts this backend knows. Every one keeps ident at 0, filter at 8, flags at 10, fflags
 * at 12, data at 16 and udata at 24 on LP64; they differ in size (FreeBSD 12 added {@code uint64_t ext[4]}) and in
 * EVFILT_USER's number (absent on OpenBSD, which then wakes through a self-pipe).
 */
public enum KqueueAbi {
    /** macOS: {@code intptr_t data}, 32 bytes, EVFILT_USER -10. */
    MACOS(32, KEvent.EVFILT_USER_MACOS),
    /** FreeBSD 12 and later: {@code int64_t data}, {@code ext[4]}, 64 bytes, EVFILT_USER -11. */
    FREEBSD12(64, KEvent.EVFILT_USER_FREEBSD),
    /** FreeBSD before 12, and libkqueue on Linux: {@code intptr_t data}, no {@code ext}, 32 bytes, EVFILT_USER -11. */
    FREEBSD11(32, KEvent.EVFILT_USER_FREEBSD),
    /** OpenBSD: {@code int64_t data}, 32 bytes, no EVFILT_USER. */
    OPENBSD(32, (short) 0);

    static final int IDENT = 0;
    static final int FILTER = 8;
    static final int FLAGS = 10;
    static final int FFLAGS = 12;
    static final int DATA = 16;
    static final int UDATA = 24;

    private final int size;
    private final short evfiltUser;

    KqueueAbi(int size, short evfiltUser) {
        this.size = size;
        this.evfiltUser = evfiltUser;
    }

    /** @return sizeof(struct kevent) */
    public int size() {
        return size;
    }

    /** @return EVFILT_USER's number, or 0 where there is none */
    public short evfiltUser() {
        return evfiltUser;
    }

    /**
     * @return the layout named by {@code -Diowait.kqueue.abi} ({@code macos}, {@code freebsd12}, {@code freebsd11},
     *         {@code openbsd})
     */
    public static KqueueAbi parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "macos", "darwin" -> MACOS;
            case "freebsd12", "freebsd" -> FREEBSD12;
            case "freebsd11", "libkqueue" -> FREEBSD11;
            case "openbsd" -> OPENBSD;
            default -> throw new IllegalArgumentException("unknown kqueue ABI '" + name
                    + "': expected macos, freebsd12, freebsd11 or openbsd");
        };
    }
}
