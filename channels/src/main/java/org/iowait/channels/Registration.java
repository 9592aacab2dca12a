package org.iowait.channels;

/** A channel as a {@link Poller} tracks it: the fds it watches and where the channel is in its life. */
final class Registration {
    final Channel channel;
    /** The same channel when the poller can queue its output; null for other {@link Channel} implementations. */
    final FdChannel driven;
    final int readFd;
    /** The fd to watch for writability (the sink), or -1 when the poller cannot queue output for it. */
    final int writeFd;
    boolean reading = true;
    boolean writing;
    /** End of stream was reported: the channel is closed once its output is flushed. */
    boolean ended;
    /** The {@code poll()} round that last read it, so one round never reads a channel twice. */
    long lastRead = -1;

    Registration(Channel channel) {
        this.channel = channel;
        this.readFd = channel.fd();
        this.driven = channel instanceof FdChannel fdChannel && fdChannel.sinkFd() >= 0 ? fdChannel : null;
        this.writeFd = driven != null ? driven.sinkFd() : -1;
    }

    boolean isClosed() {
        return channel instanceof LineReader reader && reader.isClosed();
    }
}
