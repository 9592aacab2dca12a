package org.iowait.posix;

import java.lang.invoke.MethodHandles;

/**
 * The libc calls the POSIX layer makes, bound once by the running {@link NativeLayer}: JNA ({@link JnaPosixCalls})
 * or {@code java.lang.foreign} ({@code FfmPosixCalls}, JDK 22+). Each returns the raw result; after a -1 read
 * {@link #errno()} at once, on the same thread. Addresses are {@code long}; arrays are copied where FFM needs it.
 */
interface PosixCalls {
    /** The binding of the running layer. */
    PosixCalls CALLS = NativeLayer.bind(MethodHandles.lookup(), PosixCalls.class, "org.iowait.posix.FfmPosixCalls",
            JnaPosixCalls::new);

    /** @return the errno the calling thread's last failed call left */
    int errno();

    NativeBuffer allocate(long bytes);

    long read(int fd, long buf, long count);

    long write(int fd, long buf, long count);

    /** For writes longer than the staging buffers of {@link Posix#write}. */
    long write(int fd, byte[] buf, int count);

    int close(int fd);

    int pipe(int[] fds);

    /** @return whether {@link #pipe2} and {@link #accept4} exist here (not on macOS) */
    boolean cloexecCalls();

    /** Only where {@link #cloexecCalls()}. */
    int pipe2(int[] fds, int flags);

    /** Linux only. */
    int eventfd(int initval, int flags);

    int dup(int fd);

    int dup2(int fd, int fd2);

    int socketpair(int domain, int type, int protocol, int[] sv);

    /** accept(2) with NULL address arguments. */
    int accept(int fd);

    /** accept4(2) with NULL address arguments; only where {@link #cloexecCalls()}. */
    int accept4(int fd, int flags);

    /** poll(2), {@code nfds_t} and the pointer at the host's widths. */
    int poll(long fds, int nfds, int timeout);

    /** fcntl with no third argument (F_GETFD, F_GETFL). */
    int fcntl(int fd, int cmd);

    /** fcntl with an int third argument (F_SETFD, F_SETFL), a variadic call. */
    int fcntl(int fd, int cmd, int arg);

    /** open(2) with a mode, a variadic call. */
    int open(String path, int flags, int mode);

    String strerror(int errnum);
}
