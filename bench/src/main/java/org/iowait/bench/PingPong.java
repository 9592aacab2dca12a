package org.iowait.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One pipe made readable, selected and drained per operation, beside {@code idle} registered fds that never fire. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PingPong {
    @Param({"iowait-epoll"})
    public String impl;
    @Param({"0"})
    public int idle;

    private Subject subject;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        subject = prepare(impl, idle);
    }

    /** @return {@code impl} watching the ping pipe and {@code idle} idle pipes, as a trial starts */
    static Subject prepare(String impl, int idle) throws IOException {
        return Subject.open(impl, subject -> {
            subject.watch(subject.ping.source());
            subject.addIdle(idle);
        });
    }

    @Benchmark
    public int pingPong() throws IOException {
        return subject.pingPong();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        subject.close();
    }
}
