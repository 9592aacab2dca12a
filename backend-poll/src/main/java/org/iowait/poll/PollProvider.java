package org.iowait.poll;

import java.io.IOException;
import java.util.EnumSet;

import com.google.auto.service.AutoService;

import org.iowait.Mode;
import org.iowait.Selector;
import org.iowait.posix.Availability;
import org.iowait.posix.ProbedProvider;
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
public final class PollProvider extends ProbedProvider {
    private static final class Probe {
        static final Availability RESULT = Availability.probe(() -> {
            try (Poll poll = new Poll()) {
                poll.poll(java.time.Duration.ZERO);
            }
        });
    }

    public PollProvider() {
        super("poll", 200, EnumSet.of(Mode.LEVEL, Mode.ONESHOT));
    }

    @Override
    protected Availability availability() {
        return Probe.RESULT;
    }

    @Override
    protected Selector openSelector() throws IOException {
        return new PollSelector(modes());
    }
}
