/** The select(2) backend: {@link org.iowait.select.Select} and {@link org.iowait.select.SelectSelector}, priority 100. */
module org.iowait.select {
    requires org.iowait;
    requires org.iowait.posix;
    requires com.sun.jna;
    requires static com.google.auto.service;
    exports org.iowait.select;
    provides org.iowait.spi.SelectorProvider with org.iowait.select.SelectProvider;
}
