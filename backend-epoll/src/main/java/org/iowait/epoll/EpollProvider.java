package org.iowait.epoll;

import java.io.IOException;
import java.util.EnumSet;

import com.google.auto.service.AutoService;

import org.iowait.Mode;
import org.iowait.Selector;
import org.iowait.posix.Availability;
import org.iowait.posix.ProbedProvider;
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
public final class EpollProvider extends ProbedProvider {
    private static final class Probe {
        static final Availability RESULT = Availability.probe(() -> Epoll.open().close());
    }

    public EpollProvider() {
        super("epoll", 400, EnumSet.allOf(Mode.class));
    }

    @Override
    protected Availability availability() {
        return Probe.RESULT;
    }

    @Override
    protected Selector openSelector() throws IOException {
        return new EpollSelector(modes());
    }
}
