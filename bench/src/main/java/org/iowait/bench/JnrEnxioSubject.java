package org.iowait.bench;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

import jnr.enxio.channels.NativeDeviceChannel;
import jnr.enxio.channels.NativeSelectorProvider;

import org.iowait.FileDescriptors;

/** jnr-enxio's NativeSelectorProvider (poll(2) on Linux) over the same pipes, wrapped as its native channels. */
final class JnrEnxioSubject extends Subject {
    private final Selector selector = NativeSelectorProvider.getInstance().openSelector();
    private final Map<Pipe.SourceChannel, NativeDeviceChannel> wrappers = new IdentityHashMap<>();

    JnrEnxioSubject() throws IOException {
    }

    @Override
    void watch(Pipe.SourceChannel source) throws IOException {
        NativeDeviceChannel channel = wrappers.computeIfAbsent(source,
                s -> new NativeDeviceChannel(FileDescriptors.fdOf(s)));
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
    }

    @Override
    void unwatch(Pipe.SourceChannel source) throws IOException {
        wrappers.get(source).keyFor(selector).cancel();
        selector.selectNow();
    }

    @Override
    int select() throws IOException {
        selector.select(1000);
        int ready = 0;
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            it.next();
            it.remove();
            ready++;
        }
        return ready;
    }

    @Override
    void wakeup() {
        selector.wakeup();
    }

    @Override
    void closeSelector() throws IOException {
        selector.close(); // the wrappers' fds belong to the JDK pipes, closed by Subject
    }
}
