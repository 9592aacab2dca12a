package org.iowait.bench;

import java.io.IOException;
import java.nio.channels.Pipe;
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

/** Register and unregister one fd per operation against a selector holding {@code held} fds. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Churn {
    @Param({"iowait-epoll"})
    public String impl;
    @Param({"1000"})
    public int held;

    private Subject subject;
    private Pipe.SourceChannel churned;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        subject = Subject.open(impl);
        subject.addIdle(held);
        churned = subject.newPipe().source();
    }

    @Benchmark
    public void registerUnregister() throws IOException {
        subject.watch(churned);
        subject.unwatch(churned);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        subject.close();
    }
}
