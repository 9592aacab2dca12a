package org.iowait.channels;

import java.io.IOException;

/** The other end closed (end of stream), or this channel was closed. */
public class EndpointClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    public EndpointClosedException(String message) {
        super(message);
    }
}
