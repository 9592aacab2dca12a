package org.iowait.posix;

import java.nio.ByteOrder;
import java.util.Locale;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The one table of native sizes and layouts for an OS and CPU architecture: the data model ({@code long}, pointer,
 * {@code size_t}), byte order, {@code nfds_t}, the {@code fd_set} word, {@code struct timeval} and Linux's
 * {@code struct epoll_event}. Every binding (JNA today, {@code java.lang.foreign} beside it) reads its sizes from
 * here; the host's entry is checked against what JNA measures when it is first used, and a host the table does not
 * know gets an {@link UnsupportedOperationException} that says why, which makes the provider unavailable instead of
 * making a wrong call.
 *
 * <pre>{@code
 * NativeLayout layout = NativeLayout.host();
 * int wordBits = layout.fdSetWordBits();                         // 64 on x86_64 Linux, 32 on i386 and macOS
 * NativeLayout i386 = NativeLayout.of(Os.LINUX, "x86");          // the i386 table, on any machine
 * }</pre>
 */
public final class NativeLayout {
    private static final Object HOST = hostOrReason();

    private final Os os;
    private final String arch;
    private final DataModel model;
    private final ByteOrder order;
    private final int epollEventSize;
    private final int epollDataOffset;

    private NativeLayout(Os os, String arch, DataModel model, ByteOrder order, int epollEventSize,
            int epollDataOffset) {
        this.os = os;
        this.arch = arch;
        this.model = model;
        this.order = order;
        this.epollEventSize = epollEventSize;
        this.epollDataOffset = epollDataOffset;
    }

    /**
     * @param os   the OS family
     * @param arch an architecture as JNA names it ({@link Platform#ARCH}): {@code x86-64}, {@code x86},
     *             {@code aarch64}, {@code arm}, {@code s390x}, ...
     * @return the table's entry
     * @throws UnsupportedOperationException where the table has none, with the reason
     */
    public static NativeLayout of(Os os, String arch) {
        if (os == Os.OTHER) {
            throw new UnsupportedOperationException("no native layout table for " + System.getProperty("os.name"));
        }
        String a = arch.toLowerCase(Locale.ROOT);
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        ByteOrder be = ByteOrder.BIG_ENDIAN;
        // epoll_event is packed on x86 only (12 bytes, data at 4); elsewhere the 64-bit data is aligned to 8.
        NativeLayout layout = switch (a) {
            case "x86-64" -> new NativeLayout(os, a, DataModel.LP64, le, 12, 4);
            case "x86" -> new NativeLayout(os, a, DataModel.ILP32, le, 12, 4);
            case "aarch64", "riscv64", "ppc64le", "loongarch64" -> new NativeLayout(os, a, DataModel.LP64, le, 16, 8);
            case "s390x", "ppc64" -> new NativeLayout(os, a, DataModel.LP64, be, 16, 8);
            case "arm", "armel" -> new NativeLayout(os, a, DataModel.ILP32, le, 16, 8); // EABI: armhf, armel
            case "ppc" -> new NativeLayout(os, a, DataModel.ILP32, be, 16, 8);
            // mips, sparc, alpha and parisc number O_NONBLOCK, O_CLOEXEC and SOCK_* differently on Linux
            default -> throw new UnsupportedOperationException("no native layout table for architecture '" + arch
                    + "' (known: x86-64, x86, aarch64, arm, riscv64, ppc64le, ppc64, ppc, s390x, loongarch64)");
        };
        layout.timeval(); // fails now, with the reason, where the OS/model pair has no timeval entry
        return layout;
    }

    /**
     * @return the running process's entry, checked against JNA's measured sizes and the JVM's byte order
     * @throws UnsupportedOperationException where the table has none or disagrees, with the reason
     */
    public static NativeLayout host() {
        if (HOST instanceof NativeLayout layout) {
            return layout;
        }
        throw new UnsupportedOperationException((String) HOST);
    }

    private static Object hostOrReason() {
        try {
            NativeLayout layout = of(Os.host(), Platform.ARCH);
            DataModel measured = DataModel.host();
            if (layout.model != measured || layout.order != ByteOrder.nativeOrder()) {
                return "the layout table says " + layout + " but this JVM is " + measured + " " + ByteOrder.nativeOrder()
                        + " (pointer " + Native.POINTER_SIZE + " bytes, long " + Native.LONG_SIZE + " bytes)";
            }
            return layout;
        } catch (UnsupportedOperationException e) {
            return e.getMessage();
        }
    }

    public Os os() {
        return os;
    }

    public String arch() {
        return arch;
    }

    public DataModel model() {
        return model;
    }

    public boolean isIlp32() {
        return model == DataModel.ILP32;
    }

    public ByteOrder order() {
        return order;
    }

    /** @return sizeof(long) = sizeof(void *) = sizeof(size_t) */
    public int longSize() {
        return model.longSize();
    }

    /** @return sizeof(nfds_t): {@code unsigned long} on Linux and Solaris, {@code unsigned int} on macOS and the BSDs */
    public int nfdsSize() {
        return os == Os.LINUX || os == Os.SOLARIS ? longSize() : 4;
    }

    /**
     * @return the bits per {@code fd_set} word: {@code long} in glibc, FreeBSD, DragonFly and Solaris; a 32-bit
     *         word on macOS, OpenBSD and NetBSD. It decides where fd n's bit lies on a big-endian machine.
     */
    public int fdSetWordBits() {
        return switch (os) {
            case MACOS, OPENBSD, NETBSD -> 32;
            default -> longSize() * 8;
        };
    }

    public TimevalLayout timeval() {
        return TimevalLayout.of(os, model);
    }

    /** @return sizeof(struct epoll_event) (Linux only) */
    public int epollEventSize() {
        requireLinux("struct epoll_event");
        return epollEventSize;
    }

    /** @return offsetof(struct epoll_event, data) (Linux only) */
    public int epollDataOffset() {
        requireLinux("struct epoll_event");
        return epollDataOffset;
    }

    private void requireLinux(String what) {
        if (os != Os.LINUX) {
            throw new UnsupportedOperationException(what + " is Linux-only; this is " + os);
        }
    }

    @Override
    public String toString() {
        return os + "/" + arch + " " + model + " " + order;
    }
}
