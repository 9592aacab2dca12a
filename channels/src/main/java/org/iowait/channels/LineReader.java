package org.iowait.channels;

import java.io.IOException;
import java.util.Arrays;

/**
 * The read side every channel shares: bytes or whole lines out of a non-blocking source, with the end-of-stream rules
 * (the last partial line once, then {@link EndpointClosedException}) and the bound on a line's length, so a peer that
 * never sends {@code '\n'} cannot fill the heap.
 */
abstract class LineReader implements Channel {
    /** The default {@link #setMaxLineLength maximum line length}: 1 MiB. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

    /** What {@link #readAvailable()} returns when no byte is available now. */
    static final byte[] NOTHING = new byte[0];

    private final Buffering buffering;
    private final Pending pending = new Pending();
    private boolean endOfStream;
    private volatile boolean closed;
    private volatile int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
    private LimitExceededException tooLong;

    LineReader(Buffering buffering) {
        this.buffering = java.util.Objects.requireNonNull(buffering, "buffering is null");
    }

    /** @return bytes read now, an empty array when none are available, or null at end of stream */
    abstract byte[] readAvailable() throws IOException;

    @Override
    public final Buffering buffering() {
        return buffering;
    }

    /**
     * Bounds a line in LINE mode: a line longer than {@code bytes} (its {@code '\n'} included), or that many bytes
     * with no {@code '\n'} yet, makes {@link #read()} throw {@link LimitExceededException} from then on; what was
     * buffered is dropped. A {@link Poller} reports that as {@link PollResult.Closed} and closes the channel.
     *
     * @param bytes at least 1; the default is {@link #DEFAULT_MAX_LINE_LENGTH}
     * @throws IllegalArgumentException {@code bytes} is not positive
     */
    public final void setMaxLineLength(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("the maximum line length must be at least 1 byte, got " + bytes);
        }
        maxLineLength = bytes;
    }

    /** @return the maximum line length in LINE mode, in bytes */
    public final int maxLineLength() {
        return maxLineLength;
    }

    @Override
    public final synchronized byte[] read() throws IOException {
        ensureOpen();
        if (tooLong != null) {
            throw tooLong;
        }
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

    /**
     * @return the next whole line already read from the kernel, or {@link #NOTHING}: what a {@link Poller} takes
     *         after {@link #read()} in the same round, without a system call that would only say EAGAIN
     */
    final synchronized byte[] bufferedLine() throws IOException {
        ensureOpen();
        if (tooLong != null) {
            throw tooLong;
        }
        byte[] line = buffering == Buffering.LINE ? nextLine() : null;
        return line != null ? line : NOTHING;
    }

    private byte[] nextLine() throws LimitExceededException {
        byte[] line = pending.takeLine();
        int limit = maxLineLength;
        if (line != null ? line.length > limit : pending.size() > limit) {
            pending.release();
            tooLong = new LimitExceededException("a line is longer than the maximum of " + limit
                    + " bytes (setMaxLineLength changes it); the channel cannot be read any more");
            throw tooLong;
        }
        return line;
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

        /** Drops the contents and the memory they used. */
        void release() {
            bytes = new byte[0];
            reset();
        }
    }
}
