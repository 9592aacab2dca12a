package org.iowait.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;

import org.iowait.Mode;
import org.iowait.ReadyHandler;
import org.iowait.Selector;
import org.iowait.SelectorKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The order of kernel waits a blocking select makes on a backend that polls before blocking, seen through a scripted
 * backend: which timeouts {@link AbstractSelector#implSelect} is given. The real backends' behaviour under interrupts,
 * wakeups and timeouts is the TCK's.
 */
class PollBeforeBlockingTest {
    private static final int FD = 7;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Each implSelect takes the next scripted answer (ready or not) and records whether it was a zero timeout. */
    private static class Scripted extends AbstractSelector {
        final Queue<Boolean> answers = new ArrayDeque<>();
        final List<String> waits = new ArrayList<>();
        private final boolean polls;

        Scripted(boolean polls) {
            super("scripted", EnumSet.of(Mode.LEVEL));
            this.polls = polls;
        }

        @Override
        protected boolean pollBeforeBlocking() {
            return polls;
        }

        @Override
        protected int implSelect(long timeoutNanos, ReadyHandler handler) throws IOException {
            waits.add(timeoutNanos == 0 ? "now" : "block");
            Boolean ready = answers.poll();
            if (ready == null) {
                throw new AssertionError("unscripted wait after " + waits);
            }
            return ready ? report(FD, Selector.READ, handler) : 0;
        }

        @Override
        protected void implRegister(SelectorKey key) {
        }

        @Override
        protected void implModify(SelectorKey oldKey, SelectorKey newKey) {
        }

        @Override
        protected void implUnregister(SelectorKey key) {
        }

        @Override
        protected void implWakeup() {
        }

        @Override
        protected void implClose() {
        }

        /** One blocking select answered by {@code answers} in turn; returns the waits it made. */
        List<String> select(Boolean... script) throws IOException {
            waits.clear();
            answers.addAll(List.of(script));
            select(TIMEOUT, (key, events) -> { });
            assertTrue(answers.isEmpty(), "the select used its whole script: " + waits);
            return List.copyOf(waits);
        }
    }

    @Test
    @DisplayName("a select that a zero-timeout wait satisfies makes no blocking wait, and the next one polls first too")
    void readyAtOnce() throws IOException {
        try (Scripted selector = new Scripted(true)) {
            selector.register(FD, Selector.READ);
            for (int i = 0; i < 20; i++) {
                assertEquals(List.of("now"), selector.select(true), "select " + i);
            }
        }
    }

    @Test
    @DisplayName("after a zero-timeout wait found nothing, the next 8 selects block at once and the 9th polls first again")
    void backoff() throws IOException {
        try (Scripted selector = new Scripted(true)) {
            selector.register(FD, Selector.READ);
            assertEquals(List.of("now", "block"), selector.select(false, true));
            for (int i = 0; i < 8; i++) {
                assertEquals(List.of("block"), selector.select(true), "select " + i + " of the backoff");
            }
            assertEquals(List.of("now", "block"), selector.select(false, true), "the backoff starts again");
            for (int i = 0; i < 8; i++) {
                selector.select(true);
            }
            assertEquals(List.of("now"), selector.select(true), "a hit ends the backoff");
            assertEquals(List.of("now"), selector.select(true));
        }
    }

    @Test
    @DisplayName("a backend that does not poll first makes one blocking wait; a zero timeout never blocks either way")
    void otherBackendsAndZeroTimeouts() throws IOException {
        try (Scripted plain = new Scripted(false); Scripted polling = new Scripted(true)) {
            plain.register(FD, Selector.READ);
            polling.register(FD, Selector.READ);
            for (int i = 0; i < 3; i++) {
                assertEquals(List.of("block"), plain.select(true));
            }
            for (Scripted s : List.of(plain, polling)) {
                s.waits.clear();
                s.answers.add(false);
                assertEquals(0, s.select(Duration.ZERO, (key, events) -> { }));
                assertEquals(List.of("now"), s.waits);
            }
        }
    }

    @Test
    @DisplayName("an interrupt during the zero-timeout wait ends the select before it blocks, the status kept")
    void interruptedWhilePolling() throws IOException {
        try (Scripted selector = new Scripted(true) {
            @Override
            protected int implSelect(long timeoutNanos, ReadyHandler handler) throws IOException {
                int reported = super.implSelect(timeoutNanos, handler);
                Thread.currentThread().interrupt(); // as if interrupted while in the kernel
                return reported;
            }
        }) {
            selector.register(FD, Selector.READ);
            try {
                assertEquals(List.of("now"), selector.select(false));
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        }
    }
}
