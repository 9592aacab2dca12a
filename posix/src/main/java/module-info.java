/**
 * The JNA libc layer shared by the backends and channels: direct-mapped syscalls, errno names, EINTR-safe helpers
 * the selector wakeup (eventfd or self-pipe), and the JVM-wide poller that parks virtual threads.
 */
module org.iowait.posix {
    requires transitive org.iowait;
    requires transitive com.sun.jna;
    exports org.iowait.posix;
    provides org.iowait.spi.VirtualPoller with org.iowait.posix.JvmPoller;
}
