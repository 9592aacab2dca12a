package example.counting;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.iowait.Mode;
import org.iowait.ReadyHandler;
import org.iowait.Selector;
import org.iowait.SelectorKey;

/** A decorator: every call goes to the wrapped selector; each select is counted (process-wide). */
public final class CountingSelector implements Selector {
    private static final AtomicLong SELECTS = new AtomicLong();

    private final Selector delegate;
    private final String name;

    CountingSelector(Selector delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    /** @return how many selects every counting selector of this process has made */
    public static long selects() {
        return SELECTS.get();
    }

    @Override
    public SelectorKey register(Object fileobj, int events, Object attachment, Mode mode) throws IOException {
        return delegate.register(fileobj, events, attachment, mode);
    }

    @Override
    public SelectorKey modify(Object fileobj, int events, Object attachment) throws IOException {
        return delegate.modify(fileobj, events, attachment);
    }

    @Override
    public SelectorKey unregister(Object fileobj) throws IOException {
        return delegate.unregister(fileobj);
    }

    @Override
    public int select(Duration timeout, ReadyHandler handler) throws IOException {
        SELECTS.incrementAndGet();
        return delegate.select(timeout, handler);
    }

    @Override
    public SelectorKey getKey(Object fileobj) {
        return delegate.getKey(fileobj);
    }

    @Override
    public Map<Integer, SelectorKey> keys() {
        return delegate.keys();
    }

    @Override
    public void wakeup() {
        delegate.wakeup();
    }

    @Override
    public String backend() {
        return name;
    }

    @Override
    public Set<Mode> modes() {
        return delegate.modes();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
