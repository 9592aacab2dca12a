package org.iowait.fds;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;

import org.iowait.posix.Posix;

/**
 * The parent's non-blocking write end of a pipe, e.g. a {@link ChildProcess}'s stdin: {@link #write} returns the
 * bytes the kernel took, 0 when the pipe is full (watch for {@code WRITE}); closing it gives the reader end of
 * stream. Writing after the reader is gone throws {@link org.iowait.ErrnoException} EPIPE (the JVM ignores SIGPIPE).
 *
 * <pre>{@code
 * ByteBuffer input = ByteBuffer.wrap("3 + 4\n".getBytes());
 * while (input.hasRemaining()) { if (child.stdin().write(input) == 0) selector.select(); ... }
 * child.stdin().close();                  // the child reads end of file
 * }</pre>
 */
public final class PipeSink extends FdSource implements WritableByteChannel {
    private static final int CHUNK = 64 * 1024;

    private byte[] scratch;

    PipeSink(int fd) {
        super(fd);
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
        int len = Math.min(src.remaining(), CHUNK);
        if (len == 0) {
            return 0;
        }
        if (scratch == null) {
            scratch = new byte[CHUNK];
        }
        src.get(src.position(), scratch, 0, len);
        int n = Posix.write(openFd(), scratch, 0, len);
        if (n == Posix.WOULD_BLOCK) {
            return 0;
        }
        src.position(src.position() + n);
        return n;
    }
}
