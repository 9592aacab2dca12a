package org.iowait.fds;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;

import org.iowait.posix.Posix;

/**
 * The parent's non-blocking read end of a pipe, e.g. a {@link ChildProcess}'s stdout: {@link #read} returns the bytes
 * read, 0 when nothing is there now, and -1 at end of stream (every writer closed it, e.g. the child exited).
 *
 * <pre>{@code
 * ByteBuffer buf = ByteBuffer.allocate(8192);
 * int n = child.stdout().read(buf);      // after the selector said READ: > 0, or -1 at the end
 * }</pre>
 */
public final class PipeSource extends FdSource implements ReadableByteChannel {
    private static final int CHUNK = 64 * 1024;

    private byte[] scratch;

    PipeSource(int fd) {
        super(fd);
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        int len = Math.min(dst.remaining(), CHUNK);
        if (scratch == null) {
            scratch = new byte[CHUNK];
        }
        int n = Posix.read(openFd(), scratch, 0, len);
        if (n == Posix.WOULD_BLOCK) {
            return 0;
        }
        if (n == 0) {
            return -1;
        }
        dst.put(scratch, 0, n);
        return n;
    }
}
