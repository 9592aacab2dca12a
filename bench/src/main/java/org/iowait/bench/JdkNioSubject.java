package org.iowait.bench;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/** The baseline: java.nio's Selector (epoll on Linux) through its allocation-light select(Consumer, long). */
final class JdkNioSubject extends Subject {
    private final Selector selector = Selector.open();
    private int ready;
    private final Consumer<SelectionKey> action = key -> ready++;

    JdkNioSubject() throws IOException {
    }

    @Override
    void watch(Pipe.SourceChannel source) throws IOException {
        source.register(selector, SelectionKey.OP_READ);
    }

    @Override
    void unwatch(Pipe.SourceChannel source) throws IOException {
        source.keyFor(selector).cancel();
        selector.selectNow(); // a cancelled key leaves the selector at its next selection
    }

    @Override
    int select() throws IOException {
        ready = 0;
        selector.select(action, 1000);
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
