package org.iowait.epoll;

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
 * The epoll backend, Linux's fastest: O(ready) waits, edge-triggered and one-shot modes. Unavailable elsewhere, and
 * where a seccomp profile refuses epoll_create1 (then {@code DefaultSelector} falls back to poll).
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open("epoll")) { ... }
 * }</pre>
 */
@AutoService(SelectorProvider.class)
public final class EpollProvider implements SelectorProvider {
    private static final Set<Mode> MODES = EnumSet.allOf(Mode.class);

    private static final class Probe {
        static final Availability RESULT = Availability.probe(() -> Epoll.open().close());
    }

    @Override
    public String name() {
        return "epoll";
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
        return new EpollSelector(MODES);
    }
}
