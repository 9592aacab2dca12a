package org.iowait.devpoll;

import java.io.IOException;
import java.util.EnumSet;

import com.google.auto.service.AutoService;

import org.iowait.Mode;
import org.iowait.Selector;
import org.iowait.posix.Availability;
import org.iowait.posix.ProbedProvider;
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
public final class DevpollProvider extends ProbedProvider {
    private static final class Probe {
        static final Availability RESULT = Availability.probe(() -> DevPoll.open().close());
    }

    public DevpollProvider() {
        super("devpoll", 300, EnumSet.of(Mode.LEVEL, Mode.ONESHOT));
    }

    @Override
    protected Availability availability() {
        return Probe.RESULT;
    }

    @Override
    protected Selector openSelector() throws IOException {
        return new DevpollSelector(modes());
    }
}
