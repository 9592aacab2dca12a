package org.iowait.devpoll;

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
 * The {@code /dev/poll} backend for Solaris and illumos. Elsewhere it is unavailable, unless
 * {@code -Diowait.devpoll.library=PATH} names a compatible library (this project tests it on Linux against such an
 * ABI emulator).
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open("devpoll")) { ... }
 * }</pre>
 */
@AutoService(SelectorProvider.class)
public final class DevpollProvider implements SelectorProvider {
    private static final Set<Mode> MODES = EnumSet.of(Mode.LEVEL, Mode.ONESHOT);

    private static final class Probe {
        static final Availability RESULT = Availability.probe(() -> DevPoll.open().close());
    }

    @Override
    public String name() {
        return "devpoll";
    }

    @Override
    public int priority() {
        return 300;
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
        return new DevpollSelector(MODES);
    }
}
