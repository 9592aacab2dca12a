package org.iowait.bench.load;

/** An echo server under load: sends back every byte it reads, on one event-loop thread. */
interface EchoServer extends AutoCloseable {
    /** @return the loopback port it listens on */
    int port();

    /** @return a short name for the results table */
    String name();

    /** @return the event-loop thread, whose CPU time per round trip is measured */
    Thread eventLoop() throws Exception;

    @Override
    void close() throws Exception;
}
