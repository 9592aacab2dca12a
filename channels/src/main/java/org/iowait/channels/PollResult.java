package org.iowait.channels;

import java.net.SocketAddress;

/**
 * One result of {@link Poller#poll}: data received on a channel, a client accepted by a server, or a channel the
 * poller closed because of an error or a limit.
 */
public sealed interface PollResult {
    /**
     * Data from a channel: one line for LINE channels, the available bytes for BYTES channels. An empty array means
     * the channel reached end of stream (after its remaining lines): it is read no more, and the poller closes it once
     * its queued output is flushed, so a reply written now still goes out.
     */
    record Received(byte[] data, Channel channel) implements PollResult {
    }

    /** A client accepted by {@code server}, already registered with the poller. */
    record Accepted(SocketAddress address, SocketChannel client, Object server) implements PollResult {
    }

    /**
     * The poller closed {@code channel} (its fd is free and its queued output dropped) because of {@code cause}: a
     * read or write error such as ECONNRESET, or a {@link LimitExceededException} (a line too long, or a peer that
     * does not read). Reported once, instead of an end of stream; the lines read before the error came first.
     */
    record Closed(Channel channel, java.io.IOException cause) implements PollResult {
    }
}
