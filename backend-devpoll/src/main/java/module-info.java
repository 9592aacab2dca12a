/** The Solaris/illumos /dev/poll backend: {@link org.iowait.devpoll.DevPoll} and {@link org.iowait.devpoll.DevpollSelector}, priority 300. */
module org.iowait.devpoll {
    requires org.iowait;
    requires org.iowait.posix;
    requires com.sun.jna;
    requires static com.google.auto.service;
    exports org.iowait.devpoll;
    provides org.iowait.spi.SelectorProvider with org.iowait.devpoll.DevpollProvider;
}
