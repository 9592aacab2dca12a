package org.iowait.channels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The read side every channel shares: bytes or whole lines out of a non-blocking source, with the end-of-stream rules
 * (the last partial line once, then {@link EndpointClosedException}).
 */
abstract class LineReader implements Channel {
    private static final byte[] NOTHING = new byte[0];

    private final Buffering buffering;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean endOfStream;
    private volatile boolean closed;

    LineReader(Buffering buffering) {
        this.buffering = java.util.Objects.requireNonNull(buffering, "buffering is null");
    }

    /** @return bytes read now, an empty array when none are available, or null at end of stream */
    abstract byte[] readAvailable() throws IOException;

    @Override
    public final Buffering buffering() {
        return buffering;
    }

    @Override
    public final synchronized byte[] read() throws IOException {
        ensureOpen();
        if (buffering == Buffering.BYTES) {
            if (endOfStream) {
                throw new EndpointClosedException("end of stream");
            }
            byte[] data = readAvailable();
            if (data == null) {
                endOfStream = true;
                throw new EndpointClosedException("end of stream");
            }
            return data;
        }
        byte[] line = nextLine();
        if (line != null) {
            return line;
        }
        if (!endOfStream) {
            byte[] data = readAvailable();
            if (data == null) {
                endOfStream = true;
            } else {
                pending.write(data, 0, data.length);
                line = nextLine();
                if (line != null) {
                    return line;
                }
            }
        }
        if (endOfStream) {
            if (pending.size() > 0) {
                byte[] last = pending.toByteArray();
                pending.reset();
                return last;
            }
            throw new EndpointClosedException("end of stream");
        }
        return NOTHING;
    }

    private byte[] nextLine() {
        byte[] buffered = pending.toByteArray();
        for (int i = 0; i < buffered.length; i++) {
            if (buffered[i] == '\n') {
                pending.reset();
                pending.write(buffered, i + 1, buffered.length - i - 1);
                return Arrays.copyOf(buffered, i + 1);
            }
        }
        return null;
    }

    final void ensureOpen() throws EndpointClosedException {
        if (closed) {
            throw new EndpointClosedException("the channel is closed");
        }
    }

    /** @return true the first time only */
    final boolean markClosed() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        }
    }

    final boolean isClosed() {
        return closed;
    }
}
