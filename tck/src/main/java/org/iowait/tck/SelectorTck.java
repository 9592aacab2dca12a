package org.iowait.tck;

import java.util.concurrent.TimeUnit;

import org.iowait.spi.SelectorProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;

/**
 * The compatibility kit: every rule of the selector contract, checked against real fds and the real kernel. Extend it
 * once per backend (and once per configuration, e.g. per ABI):
 *
 * <pre>{@code
 * class MySelectorTckTest extends SelectorTck {
 *     @Override protected SelectorProvider provider() { return new MyProvider(); }
 * }
 * }</pre>
 *
 * <p>Tests for optional modes run only where {@code provider().modes()} has them; a mode the provider lacks must be
 * refused with {@link UnsupportedOperationException}, and that is tested. {@code -Diowait.tck.timeoutFactor=N}
 * stretches every wait for slow or emulated machines.
 *
 * <p>Each group of rules is its own file ({@code RegistrationGroup}, {@code ModifyGroup}, ...), readable on its own;
 * the fixtures they share are in {@link TckGroup}. This class runs each group as a {@code @Nested} class bound to
 * {@link #provider()}, so a group's display name heads its rows in reports and in {@link TckMain}'s table.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class SelectorTck {
    /** @return the provider under test; called once per test */
    protected abstract SelectorProvider provider();

    /** Fails the whole kit with one message, before any group runs, when the JVM lacks what the kit needs. */
    @BeforeAll
    static void checkPrerequisites() {
        Prerequisites.missing().ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    @Nested
    @DisplayName("registration")
    class Registration extends RegistrationGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("packaging")
    class Packaging extends PackagingGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("modify")
    class Modify extends ModifyGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("unregister")
    class Unregister extends UnregisterGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("select and timeouts")
    class SelectAndTimeouts extends SelectAndTimeoutsGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("readiness mapping")
    class Readiness extends ReadinessGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("wakeup")
    class Wakeup extends WakeupGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("concurrency")
    class Concurrency extends ConcurrencyGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("close and lifecycle")
    class Lifecycle extends LifecycleGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("modes")
    class Modes extends ModesGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("many fds")
    class ManyFds extends ManyFdsGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("leaks")
    class Leaks extends LeaksGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("virtual threads")
    class VirtualThreads extends VirtualThreadsGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("interrupts")
    class Interrupts extends InterruptsGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }
}
