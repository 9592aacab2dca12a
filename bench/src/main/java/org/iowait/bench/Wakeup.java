package org.iowait.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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

/** Cross-thread wakeup: one operation is wakeup() until the selecting thread has returned from its wait. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Wakeup {
    @Param({"iowait-epoll"})
    public String impl;

    private Subject subject;
    private final AtomicLong returns = new AtomicLong();
    private volatile boolean running;
    private Thread selecting;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        subject = Subject.open(impl);
        subject.watch(subject.ping.source());
        running = true;
        selecting = new Thread(() -> {
            try {
                while (running) {
                    subject.select();
                    returns.incrementAndGet();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "wakeup-bench-selector");
        selecting.setDaemon(true);
        selecting.start();
    }

    @Benchmark
    public long wakeupToReturn() {
        long before = returns.get();
        subject.wakeup();
        long now;
        while ((now = returns.get()) == before) {
            Thread.onSpinWait();
        }
        return now;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        running = false;
        subject.wakeup();
        selecting.join(5000);
        subject.close();
    }
}
