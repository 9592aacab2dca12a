package example.counting;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import com.google.auto.service.AutoService;
import org.iowait.Mode;
import org.iowait.Selector;
import org.iowait.poll.PollProvider;
import org.iowait.spi.SelectorProvider;

/** The "counting" backend: poll(2) underneath, every select counted; priority 1000 beats every built-in backend. */
@AutoService(SelectorProvider.class)
public final class CountingProvider implements SelectorProvider {
    private final SelectorProvider poll = new PollProvider();

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public int priority() {
        return 1000;
    }

    @Override
    public boolean isAvailable() {
        return poll.isAvailable();
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return poll.unavailabilityCause();
    }

    @Override
    public Set<Mode> modes() {
        return poll.modes();
    }

    @Override
    public Selector open() throws IOException {
        return new CountingSelector(poll.open(), name());
    }
}
