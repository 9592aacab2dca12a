package org.iowait.select;

import java.io.IOException;
import java.util.EnumSet;

import com.google.auto.service.AutoService;

import org.iowait.Mode;
import org.iowait.Selector;
import org.iowait.posix.Availability;
import org.iowait.posix.ProbedProvider;
import org.iowait.spi.SelectorProvider;

/**
 * The select(2) backend: the last resort, everywhere POSIX, for fds below 1024 only.
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open("select")) { ... }
 * }</pre>
 */
@AutoService(SelectorProvider.class)
public final class SelectProvider extends ProbedProvider {
    private static final class Probe {
        static final Availability RESULT = Availability.probe(
                () -> Select.select(new int[0], new int[0], new int[0], java.time.Duration.ZERO));
    }

    public SelectProvider() {
        super("select", 100, EnumSet.of(Mode.LEVEL, Mode.ONESHOT));
    }

    @Override
    protected Availability availability() {
        return Probe.RESULT;
    }

    @Override
    protected Selector openSelector() throws IOException {
        return new SelectSelector(modes());
    }
}
