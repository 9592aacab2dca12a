package org.iowait.select;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import com.google.auto.service.AutoService;

import org.iowait.Mode;
import org.iowait.Selector;
import org.iowait.posix.Availability;
import org.iowait.spi.SelectorProvider;

/**
 * The select(2) backend: the last resort, everywhere POSIX, for fds below 1024 only.
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open("select")) { ... }
 * }</pre>
 */
@AutoService(SelectorProvider.class)
public final class SelectProvider implements SelectorProvider {
    private static final Set<Mode> MODES = EnumSet.of(Mode.LEVEL, Mode.ONESHOT);

    private static final class Probe {
        static final Availability RESULT = Availability.probe(
                () -> Select.select(new int[0], new int[0], new int[0], java.time.Duration.ZERO));
    }

    @Override
    public String name() {
        return "select";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean isAvailable() {
        return Probe.RESULT.isAvailable();
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Probe.RESULT.cause();
    }

    @Override
    public Set<Mode> modes() {
        return MODES;
    }

    @Override
    public Selector open() throws IOException {
        Probe.RESULT.check(name());
        return new SelectSelector(MODES);
    }
}
