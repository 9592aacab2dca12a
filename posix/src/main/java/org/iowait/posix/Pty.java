package org.iowait.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import org.iowait.ErrnoException;

/**
 * A pseudo-terminal pair from posix_openpt/grantpt/unlockpt/ptsname: the master fd (owned by the caller, non-blocking
 * and close-on-exec) and the path of the terminal side, which opens like a serial port ({@code /dev/ttyUSB0}).
 *
 * <pre>{@code
 * Pty pty = Pty.open();
 * try (RandomAccessFile port = new RandomAccessFile(pty.terminalPath(), "rw")) {
 *     Posix.write(pty.master(), "OK\n".getBytes(), 0, 3);   // the "device" talks; port reads "OK\n"
 * } finally {
 *     Posix.close(pty.master());
 * }
 * }</pre>
 *
 * @param master       the master side's fd
 * @param terminalPath the terminal side, e.g. {@code /dev/pts/3}
 */
public record Pty(int master, String terminalPath) {
    private static final int O_RDWR = 2;
    /** Linux 0x100, macOS 0x20000, Solaris/illumos 0x800, the BSDs 0x8000. */
    private static final int O_NOCTTY = switch (Os.host()) {
        case LINUX -> 0x100;
        case MACOS -> 0x20000;
        case SOLARIS -> 0x800;
        default -> 0x8000;
    };

    /** Opens a new pair; the terminal side is left in its default (cooked, echoing) mode. */
    public static Pty open() throws ErrnoException {
        int master = Calls.posix_openpt(O_RDWR | O_NOCTTY);
        if (master == -1) {
            throw Errno.last("posix_openpt(O_RDWR|O_NOCTTY)");
        }
        try {
            Posix.setCloseOnExec(master, true);
            if (Calls.grantpt(master) == -1) {
                throw Errno.last("grantpt(fd=" + master + ")");
            }
            if (Calls.unlockpt(master) == -1) {
                throw Errno.last("unlockpt(fd=" + master + ")");
            }
            String path;
            synchronized (Pty.class) { // ptsname returns a static buffer
                path = Calls.ptsname(master);
                if (path == null) {
                    throw Errno.last("ptsname(fd=" + master + ")");
                }
            }
            Posix.setNonBlocking(master, true);
            return new Pty(master, path);
        } catch (ErrnoException | RuntimeException e) {
            Posix.closeQuietly(master);
            throw e;
        }
    }

    private static final class Calls {
        static {
            Native.register(Calls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        static native int posix_openpt(int flags);

        static native int grantpt(int fd);

        static native int unlockpt(int fd);

        static native String ptsname(int fd);
    }
}
