package org.iowait.poll;

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
 * The poll(2) backend: every POSIX system has it, and it has no fd limit, so it is the fallback when epoll, kqueue
 * and /dev/poll are missing or refused (e.g. by a seccomp profile).
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open("poll")) { ... }
 * }</pre>
 */
@AutoService(SelectorProvider.class)
public final class PollProvider implements SelectorProvider {
    private static final Set<Mode> MODES = EnumSet.of(Mode.LEVEL, Mode.ONESHOT);

    private static final class Probe {
        static final Availability RESULT = Availability.probe(() -> {
            try (Poll poll = new Poll()) {
                poll.poll(java.time.Duration.ZERO);
            }
        });
    }

    @Override
    public String name() {
        return "poll";
    }

    @Override
    public int priority() {
        return 200;
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
        return new PollSelector(MODES);
    }
}
