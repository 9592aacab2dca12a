package org.iowait.devpoll;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/** {@link DevPollCalls} by JNA direct mapping, in libc or the library {@code -Diowait.devpoll.library} names. */
final class DevPollJna implements DevPollCalls {
    @Override
    public int open(String path, int flags) {
        return Natives.open(path, flags);
    }

    @Override
    public long write(int fd, long buf, long count) {
        return Natives.write(fd, buf, count);
    }

    @Override
    public int ioctl(int fd, long request, long arg) {
        return Natives.ioctl(fd, request, arg);
    }

    @Override
    public int close(int fd) {
        return Natives.close(fd);
    }

    private static final class Natives {
        static {
            Native.register(Natives.class, NativeLibrary.getInstance(DevPollSyscalls.LIBRARY));
        }

        static native int open(String path, int flags);

        static native long write(int fd, long buf, long count);

        static native int ioctl(int fd, long request, long arg);

        static native int close(int fd);
    }
}
