/**
 * The native layer shared by the backends and channels, on JNA (JDK 17-21) or java.lang.foreign (JDK 22+, in the
 * jar's META-INF/versions/22; see NativeLayer): libc syscalls, errno names, EINTR-safe helpers,
 * the selector wakeup (eventfd or self-pipe), and the JVM-wide poller that parks virtual threads.
 */
module org.iowait.posix {
    requires transitive org.iowait;
    requires transitive com.sun.jna;
    exports org.iowait.posix;
    provides org.iowait.spi.VirtualPoller with org.iowait.posix.JvmPoller;
}
