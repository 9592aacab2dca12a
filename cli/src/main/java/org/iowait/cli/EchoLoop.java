package org.iowait.cli;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

import org.iowait.Selector;

/** The event loop an {@link EchoServer} runs on: an iowait {@link Selector}, or JDK NIO's as the baseline. */
interface EchoLoop extends AutoCloseable {
    String name();

    void register(SelectableChannel channel, Object attachment) throws IOException;

    void wantWrite(SelectableChannel channel, boolean write) throws IOException;

    void unregister(SelectableChannel channel) throws IOException;

    void select(Duration timeout, Handler handler) throws IOException;

    void wakeup();

    @Override
    void close() throws IOException;

    @FunctionalInterface
    interface Handler {
        void ready(Object attachment, boolean readable, boolean writable) throws IOException;
    }

    static EchoLoop of(Selector selector) {
        return new EchoLoop() {
            @Override
            public String name() {
                return selector.backend();
            }

            @Override
            public void register(SelectableChannel channel, Object attachment) throws IOException {
                selector.register(channel, Selector.READ, attachment);
            }

            @Override
            public void wantWrite(SelectableChannel channel, boolean write) throws IOException {
                selector.modify(channel, write ? Selector.WRITE : Selector.READ);
            }

            @Override
            public void unregister(SelectableChannel channel) throws IOException {
                selector.unregister(channel);
            }

            @Override
            public void select(Duration timeout, Handler handler) throws IOException {
                selector.select(timeout, (key, events) -> handler.ready(key.attachment(),
                        (events & Selector.READ) != 0, (events & Selector.WRITE) != 0));
            }

            @Override
            public void wakeup() {
                selector.wakeup();
            }

            @Override
            public void close() throws IOException {
                selector.close();
            }
        };
    }

    static EchoLoop jdkNio() throws IOException {
        java.nio.channels.Selector selector = java.nio.channels.Selector.open();
        return new EchoLoop() {
            @Override
            public String name() {
                return "jdk-nio";
            }

            @Override
            public void register(SelectableChannel channel, Object attachment) throws IOException {
                int ops = channel instanceof ServerSocketChannel ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
                channel.register(selector, ops, attachment);
            }

            @Override
            public void wantWrite(SelectableChannel channel, boolean write) {
                channel.keyFor(selector).interestOps(write ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            }

            @Override
            public void unregister(SelectableChannel channel) {
                channel.keyFor(selector).cancel();
            }

            @Override
            public void select(Duration timeout, Handler handler) throws IOException {
                try {
                    selector.select(key -> {
                        try {
                            handler.ready(key.attachment(), key.isValid() && (key.isReadable() || key.isAcceptable()),
                                    key.isValid() && key.isWritable());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, Math.max(1, timeout.toMillis()));
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
            }

            @Override
            public void wakeup() {
                selector.wakeup();
            }

            @Override
            public void close() throws IOException {
                selector.close();
            }
        };
    }
}
