/**
 * The JNA libc layer shared by the backends and channels: direct-mapped syscalls, errno names, EINTR-safe helpers
 * and the selector wakeup (eventfd or self-pipe).
 */
module org.iowait.posix {
    requires transitive org.iowait;
    requires transitive com.sun.jna;
    exports org.iowait.posix;
}
