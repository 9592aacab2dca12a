/** The Linux epoll backend: {@link org.iowait.epoll.Epoll} and {@link org.iowait.epoll.EpollSelector}, priority 400. */
module org.iowait.epoll {
    requires org.iowait;
    requires org.iowait.posix;
    requires com.sun.jna;
    requires static com.google.auto.service;
    exports org.iowait.epoll;
    provides org.iowait.spi.SelectorProvider with org.iowait.epoll.EpollProvider;
}
