package org.iowait.kqueue;

import java.io.IOException;
import java.util.EnumSet;

import com.google.auto.service.AutoService;

import org.iowait.Mode;
import org.iowait.Selector;
import org.iowait.posix.Availability;
import org.iowait.posix.ProbedProvider;
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
public final class KqueueProvider extends ProbedProvider {
    private static final class Probe {
        static final Availability RESULT = Availability.probe(() -> Kqueue.open().close());
    }

    public KqueueProvider() {
        super("kqueue", 400, EnumSet.allOf(Mode.class));
    }

    @Override
    protected Availability availability() {
        return Probe.RESULT;
    }

    @Override
    protected Selector openSelector() throws IOException {
        return new KqueueSelector(modes());
    }
}
