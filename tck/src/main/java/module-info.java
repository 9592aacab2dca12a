/**
 * The iowait compatibility kit: extend {@link org.iowait.tck.SelectorTck} to check a backend against the contract, or
 * run {@link org.iowait.tck.TckMain} against every provider on the class path.
 */
module org.iowait.tck {
    requires transitive org.iowait;
    requires org.iowait.posix;
    requires com.sun.jna;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.launcher;
    requires java.management;
    requires jdk.management;
    requires jdk.jfr;
    exports org.iowait.tck;
    opens org.iowait.tck to org.junit.platform.commons;
}
