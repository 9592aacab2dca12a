package org.iowait.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.iowait.IOWait;
import org.iowait.Selector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One byte bounced between two threads through two pipes, each side blocking until its pipe is readable. Both sides
 * are virtual threads ({@code threads=virtual}, JDK 21+) or platform threads. {@code wait}: {@code iowait-waitfor}
 * ({@link IOWait#waitFor} on a non-blocking JDK pipe, then a read), {@code iowait-select} (an {@link IOWait} per side)
 * or {@code jdk-blocking} (the JDK's {@code Pipe} channels in blocking mode: for virtual threads, the JDK's own
 * poller). The same JDK channel read and write on every path; only the wait differs. One operation = one round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VirtualPingPong {
    private static final int ROUNDS = 2000;

    @Param({"iowait-waitfor", "iowait-select", "jdk-blocking"})
    public String wait;
    @Param({"virtual", "platform"})
    public String threads;

    private Pipe ping;
    private Pipe pong;
    private Side pinger;
    private Side ponger;
    private final Semaphore go = new Semaphore(0);
    private final Semaphore done = new Semaphore(0);
    private volatile boolean stop;
    private Thread a;
    private Thread b;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ping = Pipe.open();
        pong = Pipe.open();
        boolean blocking = wait.equals("jdk-blocking");
        for (Pipe pipe : new Pipe[] {ping, pong}) {
            pipe.source().configureBlocking(blocking);
            pipe.sink().configureBlocking(true);
        }
        pinger = new Side(pong.source(), ping.sink());
        ponger = new Side(ping.source(), pong.sink());
        a = start(() -> {
            while (!stop) {
                go.acquireUninterruptibly();
                for (int i = 0; i < ROUNDS && !stop; i++) {
                    pinger.send();
                    pinger.receive();
                }
                done.release();
            }
        });
        b = start(() -> {
            while (!stop) {
                ponger.receive();
                ponger.send();
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public void roundTrip() throws InterruptedException {
        go.release();
        done.acquire();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stop = true;
        go.release();
        ping.sink().write(ByteBuffer.wrap(new byte[] {1})); // unblocks the ponger once more
        a.join(10_000);
        b.join(10_000);
        for (Pipe pipe : new Pipe[] {ping, pong}) {
            pipe.source().close();
            pipe.sink().close();
        }
        if (pinger.waitobj != null) {
            pinger.waitobj.close();
            ponger.waitobj.close();
        }
    }

    private Thread start(Runnable body) {
        Runnable guarded = () -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                if (!stop) {
                    throw e;
                }
            }
        };
        if (threads.equals("platform")) {
            Thread thread = new Thread(guarded, "ping-pong");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }
        try {
            MethodHandle startVirtual = MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
            return (Thread) startVirtual.invoke(guarded);
        } catch (Throwable e) {
            throw new IllegalStateException("threads=virtual needs JDK 21+: " + e, e);
        }
    }

    /** One end: waits for its source to be readable by the benchmark's means, reads the byte, writes one on. */
    private final class Side {
        final Pipe.SourceChannel source;
        final Pipe.SinkChannel sink;
        final ByteBuffer in = ByteBuffer.allocateDirect(1);
        final ByteBuffer out = ByteBuffer.allocateDirect(1);
        final IOWait waitobj;

        Side(Pipe.SourceChannel source, Pipe.SinkChannel sink) throws IOException {
            this.source = source;
            this.sink = sink;
            if (wait.equals("iowait-select")) {
                waitobj = new IOWait();
                waitobj.watch(source, true, false);
            } else {
                waitobj = null;
            }
        }

        void send() {
            try {
                out.clear();
                sink.write(out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void receive() {
            try {
                for (;;) {
                    in.clear();
                    if (source.read(in) != 0 || stop) {
                        return; // blocking mode reads here; non-blocking returns 0 when nothing is there yet
                    }
                    if (waitobj != null) {
                        waitobj.await();
                    } else {
                        IOWait.waitFor(source, Selector.READ, WAIT);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final Duration WAIT = null;
}
