package org.iowait.channels;

import java.net.SocketAddress;

/** One result of {@link Poller#poll}: data received on a channel, or a client accepted by a server. */
public sealed interface PollResult {
    /**
     * Data from a channel: one line for LINE channels, the available bytes for BYTES channels. An empty array means
     * the channel reached end of stream and was unregistered.
     */
    record Received(byte[] data, Channel channel) implements PollResult {
    }

    /** A client accepted by {@code server}, already registered with the poller. */
    record Accepted(SocketAddress address, SocketChannel client, Object server) implements PollResult {
    }
}
