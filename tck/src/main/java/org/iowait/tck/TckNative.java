package org.iowait.tck;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** The few libc calls the kit needs beyond {@code org.iowait.posix}: ptys, signals to one thread. */
final class TckNative {
    /** SIGWINCH: 28 on Linux, macOS and the BSDs, unused by the JVM, harmless if a terminal sends it too. */
    static final int SIGWINCH = 28;
    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = Platform.isLinux() ? 0x100 : Platform.isMac() ? 0x20000 : 0x8000;

    interface C extends Library {
        C INSTANCE = Native.load(Platform.C_LIBRARY_NAME, C.class);

        int posix_openpt(int flags);

        int grantpt(int fd);

        int unlockpt(int fd);

        String ptsname(int fd);

        int open(String path, int flags);

        /** pthread_t is an {@code unsigned long}: 4 bytes on ILP32, where a Java {@code long} would be 8. */
        NativeLong pthread_self();

        int pthread_kill(NativeLong thread, int sig);

        Pointer signal(int sig, Pointer handler);

        int siginterrupt(int sig, int flag);
    }

    private TckNative() {
    }

    /** @return {master, slave} of a new pseudo-terminal */
    static int[] openPty() {
        C c = C.INSTANCE;
        int master = c.posix_openpt(O_RDWR | O_NOCTTY);
        if (master < 0) {
            throw new IllegalStateException("posix_openpt failed: errno " + Native.getLastError());
        }
        if (c.grantpt(master) != 0 || c.unlockpt(master) != 0) {
            org.iowait.posix.Posix.closeQuietly(master);
            throw new IllegalStateException("grantpt/unlockpt failed: errno " + Native.getLastError());
        }
        int slave = c.open(c.ptsname(master), O_RDWR | O_NOCTTY);
        if (slave < 0) {
            org.iowait.posix.Posix.closeQuietly(master);
            throw new IllegalStateException("open(ptsname) failed: errno " + Native.getLastError());
        }
        return new int[] {master, slave};
    }

    /**
     * Installs a do-nothing handler for SIGWINCH that interrupts system calls (no SA_RESTART). The handler is libc's
     * {@code getpid}: async-signal-safe, argument-agnostic, and native, so no Java runs in signal context.
     *
     * @return the handler it replaced, for {@link #restoreHandler}
     */
    static Pointer installInterruptingHandler() {
        Function getpid = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("getpid");
        Pointer previous = C.INSTANCE.signal(SIGWINCH, getpid);
        C.INSTANCE.siginterrupt(SIGWINCH, 1);
        return previous;
    }

    /** Puts back the handler {@link #installInterruptingHandler} replaced. */
    static void restoreHandler(Pointer previous) {
        C.INSTANCE.signal(SIGWINCH, previous);
    }

    static long currentThread() {
        return C.INSTANCE.pthread_self().longValue();
    }

    static void interrupt(long thread) {
        if (C.INSTANCE.pthread_kill(new NativeLong(thread), SIGWINCH) != 0) {
            throw new IllegalStateException("pthread_kill failed");
        }
    }
}
