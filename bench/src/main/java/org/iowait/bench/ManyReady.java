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

/** One select reporting {@code ready} level-triggered fds per operation; the report divides by {@code ready}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ManyReady {
    @Param({"iowait-epoll"})
    public String impl;
    @Param({"100"})
    public int ready;

    private Subject subject;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        subject = prepare(impl, ready);
    }

    /** @return {@code impl} watching {@code ready} readable pipes, each reported by its select */
    static Subject prepare(String impl, int ready) throws IOException {
        return Subject.open(impl, subject -> {
            subject.addReady(ready);
            int seen = 0;
            for (int i = 0; i < 10 && seen != ready; i++) {
                seen = subject.select(); // a selector may grow its event buffer over the first waits
            }
            if (seen != ready) {
                throw new IllegalStateException(impl + " reported " + seen + " of " + ready + " ready fds");
            }
        });
    }

    @Benchmark
    public int select() throws IOException {
        return subject.select();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        subject.close();
    }
}
