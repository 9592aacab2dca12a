/**
 * The kqueue backend (macOS, FreeBSD, OpenBSD): {@link org.iowait.kqueue.Kqueue}, {@link org.iowait.kqueue.KEvent} and
 * {@link org.iowait.kqueue.KqueueSelector}, priority 400.
 */
module org.iowait.kqueue {
    requires org.iowait;
    requires org.iowait.posix;
    requires com.sun.jna;
    requires static com.google.auto.service;
    exports org.iowait.kqueue;
    provides org.iowait.spi.SelectorProvider with org.iowait.kqueue.KqueueProvider;
}
