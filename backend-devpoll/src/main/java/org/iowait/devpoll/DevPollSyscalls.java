package org.iowait.devpoll;

import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import org.iowait.posix.NativeLayout;

/**
 * open/write/ioctl/close on {@code /dev/poll}, {@code struct pollfd} and {@code struct dvpoll}: the only native code of
 * this backend. Bound to libc where {@code /dev/poll} exists (Solaris, illumos), or to the library named by
 * {@code -Diowait.devpoll.library}, such as the test emulator on Linux.
 *
 * <p>{@code ioctl} is variadic; its third argument is a pointer, which the SysV x86_64 and AArch64 ABIs pass in a
 * register whether the callee is variadic or not, so it is bound with a fixed {@code long} argument.
 * {@code struct dvpoll {pollfd_t *dp_fds; nfds_t dp_nfds; int dp_timeout;}} is 24 bytes on LP64.
 */
final class DevPollSyscalls {
    static final String LIBRARY_PROPERTY = "iowait.devpoll.library";
    static final String DEVICE = "/dev/poll";

    /** Solaris's /dev/poll-only bit (the common POLL* bits are {@link org.iowait.posix.PollEvents}). */
    static final short POLLREMOVE = 0x0800;
    static final long DP_POLL = 0xD001;
    static final long DP_ISPOLLED = 0xD002;
    static final int O_RDWR = 2;

    static final int DVPOLL_SIZE = 24;

    static {
        String library = System.getProperty(LIBRARY_PROPERTY);
        if (library == null || library.isBlank()) {
            if (!Files.exists(Path.of(DEVICE))) {
                throw new UnsupportedOperationException(DEVICE + " does not exist (it is Solaris/illumos only); set -D"
                        + LIBRARY_PROPERTY + "=PATH to use a compatible library such as the /dev/poll ABI emulator");
            }
            library = Platform.C_LIBRARY_NAME;
        }
        if (NativeLayout.host().isIlp32()) { // struct dvpoll and these long-wide bindings are LP64's
            throw new UnsupportedOperationException("the /dev/poll backend supports LP64 processes only; this is "
                    + NativeLayout.host());
        }
        Native.register(DevPollSyscalls.class, NativeLibrary.getInstance(library));
    }

    private DevPollSyscalls() {
    }

    static native int open(String path, int flags);

    static native long write(int fd, long buf, long count);

    static native int ioctl(int fd, long request, long arg);

    static native int close(int fd);

    /** A {@code struct dvpoll} pointing at a result array. */
    static final class DvPoll implements AutoCloseable {
        private final Memory memory = new Memory(DVPOLL_SIZE);
        private final long address = Pointer.nativeValue(memory);

        long address(org.iowait.posix.PollFdArray results, int timeoutMillis) {
            memory.setLong(0, results.address());
            memory.setLong(8, results.capacity());
            memory.setInt(16, timeoutMillis);
            return address;
        }

        @Override
        public void close() {
            memory.close();
        }
    }
}
