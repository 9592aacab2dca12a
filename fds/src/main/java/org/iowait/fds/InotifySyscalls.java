package org.iowait.fds;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import org.iowait.posix.Posix;

/**
 * inotify(7) on Linux: the calls, the event masks and the {@code struct inotify_event} layout (the same on every
 * Linux architecture: four 4-byte fields, then {@code len} bytes of NUL-padded name). Loaded only on Linux.
 */
final class InotifySyscalls {
    static final int IN_NONBLOCK = Posix.O_NONBLOCK;
    static final int IN_CLOEXEC = Posix.O_CLOEXEC;

    static final int IN_MODIFY = 0x2;
    static final int IN_ATTRIB = 0x4;
    static final int IN_MOVED_FROM = 0x40;
    static final int IN_MOVED_TO = 0x80;
    static final int IN_CREATE = 0x100;
    static final int IN_DELETE = 0x200;
    static final int IN_DELETE_SELF = 0x400;
    static final int IN_MOVE_SELF = 0x800;
    static final int IN_Q_OVERFLOW = 0x4000;
    static final int IN_IGNORED = 0x8000;

    /** struct inotify_event { int wd; uint32_t mask; uint32_t cookie; uint32_t len; char name[]; } */
    static final int WD = 0;
    static final int MASK = 4;
    static final int LEN = 12;
    static final int NAME = 16;
    /** A read buffer must hold at least one event with the longest name (NAME_MAX 255 + NUL); this holds hundreds. */
    static final int BUFFER_SIZE = 64 * 1024;

    static {
        Native.register(InotifySyscalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private InotifySyscalls() {
    }

    static native int inotify_init1(int flags);

    static native int inotify_add_watch(int fd, byte[] path, int mask);

    static native int inotify_rm_watch(int fd, int wd);
}
