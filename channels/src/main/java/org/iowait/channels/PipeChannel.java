package org.iowait.channels;

import java.io.IOException;

/**
 * A channel over a pair of fds such as a pipe's ends or stdin/stdout (the seed's {@code PipeChannel}). It takes
 * ownership of both and makes the faucet non-blocking.
 *
 * <pre>{@code
 * int[] p = Posix.pipe(false);
 * try (PipeChannel chan = new PipeChannel(p[0], p[1], Buffering.LINE)) {
 *     chan.write("hello\n".getBytes());
 *     byte[] line = chan.read();   // "hello\n"
 * }
 * }</pre>
 */
public final class PipeChannel extends FdChannel {
    /** @param faucetFd the fd to read, or null; @param sinkFd the fd to write, or null */
    public PipeChannel(Integer faucetFd, Integer sinkFd) throws IOException {
        this(faucetFd, sinkFd, Buffering.BYTES);
    }

    public PipeChannel(Integer faucetFd, Integer sinkFd, Buffering buffering) throws IOException {
        super(faucetFd, sinkFd, buffering);
        if (faucetFd == null && sinkFd == null) {
            throw new IllegalArgumentException("a PipeChannel needs a faucet, a sink or both");
        }
    }
}
