package org.iowait.bench;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.time.Duration;

import org.iowait.DefaultSelector;
import org.iowait.ReadyHandler;
import org.iowait.Selector;

/** iowait through its allocation-free ReadyHandler path. */
final class IowaitSubject extends Subject {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final Selector selector;
    private int ready;
    private final ReadyHandler handler = (key, events) -> ready++;

    IowaitSubject(String backend) throws IOException {
        selector = DefaultSelector.open(backend);
    }

    @Override
    void watch(Pipe.SourceChannel source) throws IOException {
        selector.register(source, Selector.READ);
    }

    @Override
    void unwatch(Pipe.SourceChannel source) throws IOException {
        selector.unregister(source);
    }

    @Override
    int select() throws IOException {
        ready = 0;
        selector.select(TIMEOUT, handler);
        return ready;
    }

    @Override
    void wakeup() {
        selector.wakeup();
    }

    @Override
    void closeSelector() throws IOException {
        selector.close();
    }
}
