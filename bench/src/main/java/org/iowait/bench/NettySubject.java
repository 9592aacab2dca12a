package org.iowait.bench;

import java.io.IOException;
import java.nio.channels.Pipe;

import io.netty.channel.epoll.NettyEpollAccess;

import org.iowait.FileDescriptors;

/** Netty's JNI epoll, as its EpollEventLoop drives it. */
final class NettySubject extends Subject {
    private final NettyEpollAccess epoll = new NettyEpollAccess(4096);

    NettySubject() throws IOException {
    }

    @Override
    void watch(Pipe.SourceChannel source) throws IOException {
        epoll.add(FileDescriptors.fdOf(source));
    }

    @Override
    void unwatch(Pipe.SourceChannel source) throws IOException {
        epoll.remove(FileDescriptors.fdOf(source));
    }

    @Override
    int select() throws IOException {
        return epoll.select(1000);
    }

    @Override
    void wakeup() {
        epoll.wakeup();
    }

    @Override
    void closeSelector() throws IOException {
        epoll.close();
    }
}
