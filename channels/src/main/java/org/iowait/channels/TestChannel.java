package org.iowait.channels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.iowait.posix.Posix;

/**
 * A channel for tests (the seed's {@code channels.testing.TestChannel}): {@link #put} feeds what {@link #read()}
 * returns, {@link #get()} takes what was written. It is backed by two pipes, so a {@link Poller} can watch it.
 *
 * <pre>{@code
 * try (TestChannel chan = new TestChannel(Buffering.LINE)) {
 *     chan.put("a\nb".getBytes());
 *     chan.read();            // "a\n"
 *     chan.write("x".getBytes());
 *     chan.get();             // "x"
 * }
 * }</pre>
 */
public final class TestChannel extends FdChannel {
    private final int feed;
    private final int drain;
    private boolean ended;

    public TestChannel() throws IOException {
        this(Buffering.BYTES);
    }

    public TestChannel(Buffering buffering) throws IOException {
        this(Posix.pipe(true), Posix.pipe(true), buffering);
    }

    private TestChannel(int[] in, int[] out, Buffering buffering) throws IOException {
        super(in[0], out[1], buffering);
        this.feed = in[1];
        this.drain = out[0];
    }

    /** Makes {@code data} readable from this channel. */
    public void put(byte[] data) throws IOException {
        ensureOpen();
        int off = 0;
        while (off < data.length) {
            int n = Posix.write(feed, data, off, data.length - off);
            if (n == Posix.WOULD_BLOCK) {
                throw new IOException("TestChannel holds at most a pipe's capacity of unread data");
            }
            off += n;
        }
    }

    /** Ends the stream: after the data put so far, reads reach end of stream. */
    public synchronized void end() throws IOException {
        if (!ended) {
            ended = true;
            Posix.close(feed);
        }
    }

    /** @return everything written to this channel since the last call */
    public byte[] get() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = Posix.read(drain, buf, 0, buf.length)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Override
    void closeFds(int faucet, int sink) throws IOException {
        super.closeFds(faucet, sink);
        end();
        Posix.close(drain);
    }
}
