/**
 * Selectable fd sources for the fds Java cannot make by itself: {@link org.iowait.fds.EventFd},
 * {@link org.iowait.fds.TimerFd}, {@link org.iowait.fds.FileWatch}, {@link org.iowait.fds.ProcessExit} and the pipes
 * of a {@link org.iowait.fds.ChildProcess}.
 */
module org.iowait.fds {
    requires transitive org.iowait;
    requires org.iowait.posix;
    requires com.sun.jna;
    exports org.iowait.fds;
}
