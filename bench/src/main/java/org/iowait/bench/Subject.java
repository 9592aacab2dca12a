package org.iowait.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;

/**
 * One implementation under test. Every implementation watches the same kind of fds (the read ends of JDK pipes) and
 * moves bytes the same way (JDK channel reads and writes), so only the selector differs between them.
 */
abstract class Subject implements AutoCloseable {
    static final String[] ALL = {"iowait-epoll", "iowait-poll", "iowait-select", "jdk-nio", "jnr-enxio", "netty-epoll"};

    final Pipe ping;
    private final ByteBuffer one = ByteBuffer.allocateDirect(1);
    private final ByteBuffer drain = ByteBuffer.allocateDirect(64);
    private final List<Pipe> pipes = new ArrayList<>();

    Subject() throws IOException {
        ping = newPipe();
    }

    static Subject open(String impl) throws IOException {
        return switch (impl) {
            case "iowait-epoll", "iowait-poll", "iowait-select", "iowait-kqueue", "iowait-devpoll" ->
                    new IowaitSubject(impl.substring("iowait-".length()));
            case "jdk-nio" -> new JdkNioSubject();
            case "jnr-enxio" -> new JnrEnxioSubject();
            case "netty-epoll" -> new NettySubject();
            default -> throw new IllegalArgumentException("unknown implementation '" + impl + "'");
        };
    }

    /** A trial's set-up of a freshly opened subject. */
    @FunctionalInterface
    interface SetUp {
        void apply(Subject subject) throws IOException;
    }

    /** @return {@code impl} after {@code setUp}; closed again, fds and all, when the set-up fails */
    static Subject open(String impl, SetUp setUp) throws IOException {
        Subject subject = open(impl);
        try {
            setUp.apply(subject);
        } catch (IOException | RuntimeException e) {
            subject.close();
            throw e;
        }
        return subject;
    }

    /** @return a JDK pipe whose source is non-blocking; closed with this subject */
    final Pipe newPipe() throws IOException {
        Pipe pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        pipes.add(pipe);
        return pipe;
    }

    /** Watches {@code source} for reading. */
    abstract void watch(Pipe.SourceChannel source) throws IOException;

    /** Stops watching {@code source}. */
    abstract void unwatch(Pipe.SourceChannel source) throws IOException;

    /** Waits (up to a second) and returns how many watched fds were reported ready. */
    abstract int select() throws IOException;

    /** Wakes a {@link #select()} blocked in another thread. */
    abstract void wakeup();

    abstract void closeSelector() throws IOException;

    /** Registers {@code count} idle fds. */
    final void addIdle(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            watch(newPipe().source());
        }
    }

    /** @return {@code count} pipes with one unread byte each, watched */
    final List<Pipe> addReady(int count) throws IOException {
        List<Pipe> ready = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Pipe pipe = newPipe();
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            watch(pipe.source());
            ready.add(pipe);
        }
        return ready;
    }

    /** One byte in, one select, one byte out. */
    final int pingPong() throws IOException {
        one.clear();
        ping.sink().write(one);
        int n = select();
        drain.clear();
        ping.source().read(drain);
        return n;
    }

    @Override
    public final void close() throws IOException {
        closeSelector();
        for (Pipe pipe : pipes) {
            pipe.source().close();
            pipe.sink().close();
        }
    }
}
