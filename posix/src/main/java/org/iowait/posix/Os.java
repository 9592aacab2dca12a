package org.iowait.posix;

import com.sun.jna.Platform;

/**
 * The operating-system families whose numbering of errno values, open/socket flags and structure layouts this layer
 * knows. Chosen once from JNA's {@link Platform}; tests build the tables of the other families by name.
 *
 * <pre>{@code
 * if (Os.host() == Os.SOLARIS) { ... }
 * int econnreset = Errno.number(Os.SOLARIS, "ECONNRESET");   // 131
 * }</pre>
 */
public enum Os {
    LINUX, MACOS, FREEBSD, OPENBSD, NETBSD, DRAGONFLY, SOLARIS,
    /** Anything else (Windows, AIX, GNU/kFreeBSD): no table; providers report themselves unavailable. */
    OTHER;

    private static final Os HOST = detect();

    /** @return the family of the running OS */
    public static Os host() {
        return HOST;
    }

    /** @return whether this is macOS or one of the BSDs, which share the 4.4BSD numbering of most constants */
    public boolean isBsd() {
        return this == MACOS || this == FREEBSD || this == OPENBSD || this == NETBSD || this == DRAGONFLY;
    }

    private static Os detect() {
        switch (Platform.getOSType()) {
            case Platform.LINUX, Platform.ANDROID:
                return LINUX;
            case Platform.MAC:
                return MACOS;
            case Platform.FREEBSD:
                return FREEBSD;
            case Platform.OPENBSD:
                return OPENBSD;
            case Platform.NETBSD:
                return NETBSD;
            case Platform.DRAGONFLYBSD:
                return DRAGONFLY;
            case Platform.SOLARIS:
                return SOLARIS;
            default:
                return OTHER;
        }
    }
}
