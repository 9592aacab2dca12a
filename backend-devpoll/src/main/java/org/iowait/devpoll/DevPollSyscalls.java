package org.iowait.devpoll;

import java.nio.file.Files;
import java.nio.file.Path;

import java.nio.ByteBuffer;

import com.sun.jna.Platform;

import org.iowait.posix.NativeBuffer;

import org.iowait.posix.NativeLayout;

/**
 * Which library serves {@code /dev/poll}, and {@code struct dvpoll}: the one table both native layers use (the calls
 * are in {@link DevPollCalls}; {@code struct pollfd} is {@link org.iowait.posix.PollFdArray}). The library is libc where {@code /dev/poll} exists (Solaris, illumos), or to the library named by
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

    /** libc's name or the emulator's path. */
    static final String LIBRARY;

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
        LIBRARY = library;
    }

    private static final DevPollCalls CALLS = DevPollCalls.CALLS;

    private DevPollSyscalls() {
    }

    static int open(String path, int flags) {
        return CALLS.open(path, flags);
    }

    static long write(int fd, long buf, long count) {
        return CALLS.write(fd, buf, count);
    }

    static int ioctl(int fd, long request, long arg) {
        return CALLS.ioctl(fd, request, arg);
    }

    static int close(int fd) {
        return CALLS.close(fd);
    }

    /** A {@code struct dvpoll} pointing at a result array. */
    static final class DvPoll implements AutoCloseable {
        private final NativeBuffer memory = NativeBuffer.allocate(DVPOLL_SIZE);
        private final ByteBuffer view = memory.view();
        private final long address = memory.address();

        long address(org.iowait.posix.PollFdArray results, int timeoutMillis) {
            view.putLong(0, results.address());
            view.putLong(8, results.capacity());
            view.putInt(16, timeoutMillis);
            return address;
        }

        @Override
        public void close() {
            memory.close();
        }
    }
}
