/** A modular application: the iowait API only; the module system finds the backends through their provides. */
module example.modular {
    requires org.iowait;
}
