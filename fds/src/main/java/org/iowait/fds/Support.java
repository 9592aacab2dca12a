package org.iowait.fds;

import java.util.Optional;

import com.sun.jna.Native;

import org.iowait.posix.Availability;
import org.iowait.posix.Os;

/** Availability of the Linux-only sources, probed once; elsewhere a reason instead of a wrong call. */
final class Support {
    private Support() {
    }

    /**
     * @param source    the source, for messages
     * @param elsewhere what the source would use on other systems and is not built yet
     * @param probe     opens and closes one, so a seccomp refusal or an old kernel is seen up front
     */
    static Availability linux(String source, String elsewhere, Availability.Probe probe) {
        if (Os.host() != Os.LINUX) {
            return Availability.unavailable(source + " is implemented on Linux only so far (" + elsewhere
                    + " is not implemented yet); this is " + System.getProperty("os.name"));
        }
        if (Native.LONG_SIZE != 8) {
            return Availability.unavailable(source + " needs a 64-bit (LP64) JVM: its struct layouts are LP64 only");
        }
        return Availability.probe(probe);
    }

    /** @throws UnsupportedOperationException with the reason, when unavailable */
    static void check(Availability availability, String source) {
        Optional<Throwable> cause = availability.cause();
        if (cause.isPresent()) {
            Throwable reason = cause.get();
            throw new UnsupportedOperationException(source + " is unavailable here: "
                    + (reason.getMessage() != null ? reason.getMessage() : reason.toString()), reason);
        }
    }

    static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " is null");
        }
        return value;
    }
}
