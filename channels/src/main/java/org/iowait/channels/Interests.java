package org.iowait.channels;

import java.io.IOException;

import org.iowait.Selector;
import org.iowait.SelectorKey;

/**
 * A {@link Poller}'s interest in each fd, kept in its selector: READ while a channel is read, WRITE while it has
 * output queued, on one key when the channel reads and writes the same fd and on two otherwise. A key left behind by a
 * channel closed elsewhere is recognised (an fd number names one open file) and replaced, never an error.
 */
final class Interests {
    /** Told about a registration whose fd number now names another file, so the poller forgets it. */
    interface StaleHandler {
        void forget(Registration stale) throws IOException;
    }

    private final Selector selector;
    private final StaleHandler onStale;

    Interests(Selector selector, StaleHandler onStale) {
        this.selector = selector;
        this.onStale = onStale;
    }

    /** Brings the keys of {@code r} in line with whether it is reading and has output queued. */
    void update(Registration r) throws IOException {
        int read = r.reading ? Selector.READ : 0;
        int write = r.writing ? Selector.WRITE : 0;
        if (r.writeFd == r.readFd) {
            watch(r.readFd, read | write, r);
        } else {
            watch(r.readFd, read, r);
            if (r.writeFd >= 0) {
                watch(r.writeFd, write, r);
            }
        }
    }

    /** Makes {@code fd}'s interest {@code events} for {@code attachment} (0: none), replacing a stale key. */
    void watch(int fd, int events, Object attachment) throws IOException {
        SelectorKey key = selector.keys().get(fd);
        if (key != null && key.attachment() != attachment) {
            if (key.attachment() instanceof Registration stale && (stale.isClosed() || stale.driven == null)) {
                onStale.forget(stale); // its fd was closed and the number reused: an fd number names one open file
                key = null;
            } else {
                throw new IllegalArgumentException("fd " + fd + " is already registered with this poller for "
                        + (key.attachment() instanceof Acceptor ? "a server" : "another open channel"));
            }
        }
        if (events == 0) {
            if (key != null) {
                selector.unregister(fd);
            }
        } else if (key == null) {
            selector.register(fd, events, attachment);
        } else if (key.events() != events) {
            selector.modify(fd, events, attachment);
        }
    }

    void unwatch(int fd, Object attachment) throws IOException {
        SelectorKey key = selector.keys().get(fd);
        if (key != null && key.attachment() == attachment) {
            selector.unregister(fd);
        }
    }

    /** Drops the keys that belong to {@code r}, leaving any that another registration took over. */
    void remove(Registration r) throws IOException {
        unwatch(r.readFd, r);
        if (r.writeFd >= 0 && r.writeFd != r.readFd) {
            unwatch(r.writeFd, r);
        }
    }
}
