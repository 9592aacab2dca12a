/**
 * The iowait contract: {@link org.iowait.Selector}, {@link org.iowait.DefaultSelector}, {@link org.iowait.IOWait}
 * and the provider SPI in {@code org.iowait.spi}. No dependencies: backends arrive through
 * {@link java.util.ServiceLoader}.
 */
module org.iowait {
    exports org.iowait;
    exports org.iowait.spi;
    uses org.iowait.spi.SelectorProvider;
    uses org.iowait.spi.VirtualPoller;
}
