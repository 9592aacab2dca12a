package org.iowait.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.Pipe;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A smoke test of every implementation's set-up and operations (the measuring is bench/run's job). */
class SubjectTest {
    @ParameterizedTest
    @ValueSource(strings = {"iowait-epoll", "iowait-poll", "iowait-select", "jdk-nio", "jnr-enxio", "netty-epoll"})
    void operations(String impl) throws Exception {
        try (Subject subject = Subject.open(impl)) {
            subject.watch(subject.ping.source());
            subject.addIdle(50);
            for (int i = 0; i < 100; i++) {
                assertEquals(1, subject.pingPong(), "the ping pipe, and only it, is ready");
            }
            subject.addReady(20);
            assertEquals(20, subject.select(), "20 ready fds, ping drained");
            Pipe.SourceChannel churned = subject.newPipe().source();
            for (int i = 0; i < 100; i++) {
                subject.watch(churned);
                subject.unwatch(churned);
            }
            Subject empty = Subject.open(impl);
            try (empty) {
                empty.watch(empty.ping.source());
                Thread waker = new Thread(() -> {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    empty.wakeup();
                });
                waker.start();
                long start = System.nanoTime();
                assertEquals(0, empty.select());
                org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - start < 900_000_000L, "woken, not timed out");
                waker.join();
            }
        }
    }
}
