package org.iowait.posix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Variadic libc calls. Direct mapping cannot describe C varargs, and on Apple arm64 variadic arguments travel on the
 * stack, so these go through an interface mapping that JNA marshals as varargs.
 */
interface Varargs extends Library {
    Varargs INSTANCE = Native.load(Platform.C_LIBRARY_NAME, Varargs.class);

    int fcntl(int fd, int cmd, Object... args);

    int ioctl(int fd, long request, Object... args);

    int open(String path, int flags, Object... mode);
}
