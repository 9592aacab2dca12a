package org.iowait.devpoll;

import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

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

    static final short POLLIN = 0x0001;
    static final short POLLPRI = 0x0002;
    static final short POLLOUT = 0x0004;
    static final short POLLERR = 0x0008;
    static final short POLLHUP = 0x0010;
    static final short POLLNVAL = 0x0020;
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
        if (!Platform.is64Bit()) {
            throw new UnsupportedOperationException("the /dev/poll layouts are known for 64-bit processes only");
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
