package org.iowait.fds;

import java.util.Map;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * pidfd_open(2) (Linux ≥ 5.3), which glibc before 2.36 does not wrap, through {@code syscall(2)} with the number of
 * this architecture. Syscalls added since Linux 5.1 share one number on every architecture but alpha (+110) and
 * mips (+4000/+5000/+6000 per ABI); architectures not in the table are refused rather than guessed.
 */
final class PidfdSyscalls {
    private static final Map<String, Long> SYS_PIDFD_OPEN = Map.of(
            "x86-64", 434L, "aarch64", 434L, "riscv64", 434L, "s390x", 434L,
            "ppc64le", 434L, "ppc64", 434L, "loongarch64", 434L, "mips64", 5434L, "mips64el", 5434L);

    static final long NUMBER;

    static {
        Long number = SYS_PIDFD_OPEN.get(Platform.ARCH);
        if (number == null) {
            throw new UnsupportedOperationException("no pidfd_open syscall number known for " + Platform.ARCH);
        }
        NUMBER = number;
        Native.register(PidfdSyscalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private PidfdSyscalls() {
    }

    /**
     * {@code long syscall(long number, ...)}: bound with three {@code long}s, which the variadic call receives in the
     * same registers on every LP64 Linux ABI in the table (glibc's syscall() only moves registers).
     */
    static native long syscall(long number, long pid, long flags);
}
