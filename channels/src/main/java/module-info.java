/**
 * Channels and Poller (the seed library yet-another-io-channels-library): pipes, sockets and test channels behind one
 * read/write interface, with line buffering, and a poller that also accepts clients.
 */
module org.iowait.channels {
    requires transitive org.iowait;
    requires org.iowait.posix;
    exports org.iowait.channels;
}
