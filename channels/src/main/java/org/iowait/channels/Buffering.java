package org.iowait.channels;

/** How {@link Channel#read()} cuts the incoming bytes. */
public enum Buffering {
    /** Every read returns whatever bytes are available. */
    BYTES,
    /** Every read returns one whole line with its {@code '\n'}, or nothing while the line is incomplete. */
    LINE
}
