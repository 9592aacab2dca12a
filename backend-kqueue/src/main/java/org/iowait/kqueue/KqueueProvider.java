package org.iowait.kqueue;

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
 * The kqueue backend for macOS, FreeBSD and OpenBSD. Elsewhere it is unavailable, unless
 * {@code -Diowait.kqueue.library=PATH} and {@code -Diowait.kqueue.abi=macos|freebsd12} name a compatible library
 * (this project tests it on Linux against such an ABI emulator).
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open("kqueue")) { ... }
 * }</pre>
 */
@AutoService(SelectorProvider.class)
public final class KqueueProvider implements SelectorProvider {
    private static final Set<Mode> MODES = EnumSet.allOf(Mode.class);

    private static final class Probe {
        static final Availability RESULT = Availability.probe(() -> Kqueue.open().close());
    }

    @Override
    public String name() {
        return "kqueue";
    }

    @Override
    public int priority() {
        return 400;
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
        return new KqueueSelector(MODES);
    }
}
