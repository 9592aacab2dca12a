package io.netty.channel.epoll;

import java.io.IOException;

import io.netty.channel.unix.FileDescriptor;

/**
 * Netty's native epoll as its own event loop drives it: EpollEventArray and the millisecond epollWait are
 * package-private, so this bench-only shim lives in Netty's package (allowed on the class path).
 */
public final class NettyEpollAccess implements AutoCloseable {
    private final FileDescriptor epoll = Native.newEpollCreate();
    private final FileDescriptor eventFd = Native.newEventFd();
    private final EpollEventArray events;

    public NettyEpollAccess(int capacity) throws IOException {
        events = new EpollEventArray(capacity);
        Native.epollCtlAdd(epoll.intValue(), eventFd.intValue(), Native.EPOLLIN | Native.EPOLLET);
    }

    public void add(int fd) throws IOException {
        Native.epollCtlAdd(epoll.intValue(), fd, Native.EPOLLIN);
    }

    public void remove(int fd) throws IOException {
        Native.epollCtlDel(epoll.intValue(), fd);
    }

    /** One wait; returns how many registered fds (not the wakeup) were ready. */
    public int select(int timeoutMillis) throws IOException {
        int n = Native.epollWait(epoll, events, timeoutMillis);
        int ready = 0;
        int wake = eventFd.intValue();
        for (int i = 0; i < n; i++) {
            if (events.fd(i) == wake) {
                Native.eventFdRead(wake);
            } else if ((events.events(i) & Native.EPOLLIN) != 0) {
                ready++;
            }
        }
        return ready;
    }

    public void wakeup() {
        Native.eventFdWrite(eventFd.intValue(), 1L);
    }

    @Override
    public void close() throws IOException {
        events.free();
        eventFd.close();
        epoll.close();
    }
}
