package org.iowait.posix;

import com.sun.jna.Native;

/**
 * {@link PosixCalls} through JNA: {@link LibC}, {@link LinuxLibC}, {@link CloexecLibC} and {@link PollJna} (direct
 * mapping, with ILP32 widths where needed) and {@link Varargs}.
 */
final class JnaPosixCalls implements PosixCalls {
    @Override
    public int errno() {
        return Native.getLastError();
    }

    @Override
    public NativeBuffer allocate(long bytes) {
        return new JnaBuffer(bytes);
    }

    @Override
    public long read(int fd, long buf, long count) {
        return LibC.read(fd, buf, count);
    }

    @Override
    public long write(int fd, long buf, long count) {
        return LibC.write(fd, buf, count);
    }

    @Override
    public long write(int fd, byte[] buf, int count) {
        return LibC.write(fd, buf, count);
    }

    @Override
    public int close(int fd) {
        return LibC.close(fd);
    }

    @Override
    public int pipe(int[] fds) {
        return LibC.pipe(fds);
    }

    @Override
    public boolean cloexecCalls() {
        return CloexecLibC.AVAILABLE;
    }

    @Override
    public int pipe2(int[] fds, int flags) {
        return CloexecLibC.pipe2(fds, flags);
    }

    @Override
    public int eventfd(int initval, int flags) {
        return LinuxLibC.eventfd(initval, flags);
    }

    @Override
    public int dup(int fd) {
        return LibC.dup(fd);
    }

    @Override
    public int dup2(int fd, int fd2) {
        return LibC.dup2(fd, fd2);
    }

    @Override
    public int socketpair(int domain, int type, int protocol, int[] sv) {
        return LibC.socketpair(domain, type, protocol, sv);
    }

    @Override
    public int accept(int fd) {
        return LibC.accept(fd, null, null);
    }

    @Override
    public int accept4(int fd, int flags) {
        return CloexecLibC.accept4(fd, null, null, flags);
    }

    @Override
    public int poll(long fds, int nfds, int timeout) {
        return PollJna.poll(fds, nfds, timeout);
    }

    @Override
    public int fcntl(int fd, int cmd) {
        return LibC.fcntl(fd, cmd);
    }

    @Override
    public int fcntl(int fd, int cmd, int arg) {
        return Varargs.INSTANCE.fcntl(fd, cmd, arg);
    }

    @Override
    public int open(String path, int flags, int mode) {
        return Varargs.INSTANCE.open(path, flags, mode);
    }

    @Override
    public String strerror(int errnum) {
        return LibC.strerror(errnum);
    }
}
