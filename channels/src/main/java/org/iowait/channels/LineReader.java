package org.iowait.channels;

import java.io.IOException;
import java.util.Arrays;

/**
 * The read side every channel shares: bytes or whole lines out of a non-blocking source, with the end-of-stream rules
 * (the last partial line once, then {@link EndpointClosedException}).
 */
abstract class LineReader implements Channel {
    private static final byte[] NOTHING = new byte[0];

    private final Buffering buffering;
    private final Pending pending = new Pending();
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
        return pending.takeLine();
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

    /**
     * Bytes read but not yet returned. A burst of many lines is cut in linear time: the start moves forward and the
     * search for '\n' resumes where the last one stopped, instead of copying the rest after every line.
     */
    private static final class Pending {
        private byte[] bytes = new byte[256];
        private int start;
        private int end;
        private int scanned; // bytes[start, scanned) hold no '\n'

        void write(byte[] data, int off, int len) {
            if (end + len > bytes.length) {
                int size = end - start;
                byte[] target = size + len > bytes.length ? new byte[Math.max(bytes.length * 2, size + len)] : bytes;
                System.arraycopy(bytes, start, target, 0, size);
                bytes = target;
                scanned -= start;
                start = 0;
                end = size;
            }
            System.arraycopy(data, off, bytes, end, len);
            end += len;
        }

        /** @return the next whole line with its '\n', or null */
        byte[] takeLine() {
            for (int i = Math.max(scanned, start); i < end; i++) {
                if (bytes[i] == '\n') {
                    byte[] line = Arrays.copyOfRange(bytes, start, i + 1);
                    start = i + 1;
                    scanned = start;
                    return line;
                }
            }
            scanned = end;
            return null;
        }

        int size() {
            return end - start;
        }

        byte[] toByteArray() {
            return Arrays.copyOfRange(bytes, start, end);
        }

        void reset() {
            start = end = scanned = 0;
        }
    }
}
