/** The poll(2) backend: {@link org.iowait.poll.Poll} and {@link org.iowait.poll.PollSelector}, priority 200. */
module org.iowait.poll {
    requires org.iowait;
    requires org.iowait.posix;
    requires com.sun.jna;
    requires static com.google.auto.service;
    exports org.iowait.poll;
    provides org.iowait.spi.SelectorProvider with org.iowait.poll.PollProvider;
}
