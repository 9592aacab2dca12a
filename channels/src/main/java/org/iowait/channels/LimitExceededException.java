package org.iowait.channels;

import java.io.IOException;

/**
 * A channel went past one of its limits: a line longer than the maximum line length (LINE mode), or more queued
 * output than the maximum while a {@link Poller} drives it (a peer that does not read). The message names the limit
 * and how to change it; a {@link Poller} reports it as {@link PollResult.Closed} and closes the channel.
 */
public class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    public LimitExceededException(String message) {
        super(message);
    }
}
