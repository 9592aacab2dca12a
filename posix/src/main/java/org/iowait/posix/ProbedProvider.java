package org.iowait.posix;

import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.iowait.Mode;
import org.iowait.Selector;
import org.iowait.spi.SelectorProvider;

/**
 * The provider bookkeeping every native backend shares: name, priority, modes, the native layer in use, and an availability probe run once and
 * cached (so {@code isAvailable()} is cheap and never throws). A backend supplies its probe and its selector.
 *
 * <pre>{@code
 * @AutoService(SelectorProvider.class)
 * public final class EpollProvider extends ProbedProvider {
 *     private static final class Probe { static final Availability RESULT = Availability.probe(() -> Epoll.open().close()); }
 *     public EpollProvider() { super("epoll", 400, EnumSet.allOf(Mode.class)); }
 *     protected Availability availability() { return Probe.RESULT; }
 *     protected Selector openSelector() throws IOException { return new EpollSelector(modes()); }
 * }
 * }</pre>
 */
public abstract class ProbedProvider implements SelectorProvider {
    /** A bad or unsatisfiable {@code -Diowait.native} makes every backend unavailable with that one reason. */
    private static final Availability LAYER = Availability.probe(NativeLayer::kind);

    private final String name;
    private final int priority;
    private final Set<Mode> modes;

    protected ProbedProvider(String name, int priority, Set<Mode> modes) {
        this.name = name;
        this.priority = priority;
        this.modes = Collections.unmodifiableSet(EnumSet.copyOf(modes));
    }

    /** @return the cached result of this backend's probe (keep it in a static holder: it runs once per class) */
    protected abstract Availability availability();

    /** @return a new selector; called only when available */
    protected abstract Selector openSelector() throws IOException;

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int priority() {
        return priority;
    }

    @Override
    public final Set<Mode> modes() {
        return modes;
    }

    @Override
    public final boolean isAvailable() {
        return LAYER.isAvailable() && availability().isAvailable();
    }

    @Override
    public final Optional<Throwable> unavailabilityCause() {
        return LAYER.isAvailable() ? availability().cause() : LAYER.cause();
    }

    /** @return which native layer (JNA or java.lang.foreign) binds this backend's calls, and why */
    @Override
    public String description() {
        return NativeLayer.describe();
    }

    /** @throws IllegalStateException unavailable here, with the reason */
    @Override
    public final Selector open() throws IOException {
        LAYER.check(name);
        availability().check(name);
        return openSelector();
    }

    /** One poll(2) of {@code fd}, with no selector: see {@link FdWait}. */
    @Override
    public final int waitFor(int fd, int events, long timeoutNanos) throws IOException {
        return FdWait.waitFor(fd, events, timeoutNanos);
    }

    @Override
    public String toString() {
        return name + " (priority " + priority + ", " + (isAvailable() ? "available" : "unavailable") + ")";
    }
}
