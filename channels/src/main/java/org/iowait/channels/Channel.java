package org.iowait.channels;

import java.io.IOException;

import org.iowait.FileDescriptorSource;

/**
 * A uniform read/write endpoint over pipes, sockets and test doubles (the seed's {@code Channel}).
 *
 * <pre>{@code
 * try (Channel chan = new PipeChannel(stdinFd, stdoutFd, Buffering.LINE)) {
 *     byte[] line = chan.read();          // one whole line, or empty while incomplete
 *     chan.write("echo: ".getBytes(), line);
 * }
 * }</pre>
 */
// The @throws below say {@code close()}, not {@link #close()}: JDK 17's javadoc, inheriting such a link into a public
// subclass of the package-private FdChannel, crashes (NullPointerException in JavadocLog.getDiagnosticSource).
public interface Channel extends FileDescriptorSource, AutoCloseable {
    /**
     * Reads without blocking.
     *
     * @return the available bytes (BYTES) or one whole line (LINE); an empty array when nothing is available
     * @throws EndpointClosedException at end of stream (after any last partial line), or after {@code close()}
     */
    byte[] read() throws IOException;

    /**
     * Writes every byte of every chunk, in order. On its own a channel blocks until the kernel took them all; while a
     * {@link Poller} drives it, it never blocks: what the kernel does not take is queued and flushed by the poller,
     * which reports a peer that is gone or does not read as {@link PollResult.Closed}. On a virtual thread a blocking
     * write's wait for writability parks it (its carrier stays free); {@link Thread#interrupt()} ends a blocked write
     * with {@link java.io.InterruptedIOException}, the interrupt status kept set.
     *
     * @throws EndpointClosedException after {@code close()}, or (without a poller) when the other end is gone
     */
    void write(byte[]... chunks) throws IOException;

    /** @return how {@link #read()} cuts the bytes */
    Buffering buffering();

    /**
     * @return the fd to poll for reading
     * @throws UnsupportedOperationException the channel cannot be read
     */
    @Override
    int fd();

    /** Closes the endpoint and frees its fds; idempotent. */
    @Override
    void close() throws IOException;
}
