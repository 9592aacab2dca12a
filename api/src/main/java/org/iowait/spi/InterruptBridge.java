package org.iowait.spi;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.util.Set;

/**
 * Makes {@link Thread#interrupt()} end a blocking native wait, as it ends a {@code java.nio.channels.Selector}
 * select: the JDK's protected {@code begin()}/{@code end()} of {@link java.nio.channels.spi.AbstractSelector} install
 * the thread's interruptor, which calls {@link #wakeup()}, which runs the action given here (signal the wait's wakeup
 * fd). Public JDK 17 API only; no thread or fd of its own. Not a usable selector: only {@link #enter()},
 * {@link #exit()} and {@link #wakeup()} do anything.
 *
 * <pre>{@code
 * InterruptBridge bridge = new InterruptBridge(wakeupFd::signal);
 * bridge.enter();                 // an interrupt from now on, or one already pending, runs wakeupFd.signal()
 * try { poll(fds, timeout); } finally { bridge.exit(); }
 * }</pre>
 */
public final class InterruptBridge extends java.nio.channels.spi.AbstractSelector {
    private final Runnable onInterrupt;

    /** @param onInterrupt runs on the interrupting thread; must not block */
    public InterruptBridge(Runnable onInterrupt) {
        super(null);
        this.onInterrupt = onInterrupt;
    }

    /** Before a blocking wait: an interrupt, including one already pending, now runs the action. */
    public void enter() {
        begin();
    }

    /** After the wait, in a finally block. */
    public void exit() {
        end();
    }

    @Override
    public java.nio.channels.Selector wakeup() {
        onInterrupt.run();
        return this;
    }

    @Override
    protected void implCloseSelector() {
    }

    @Override
    protected SelectionKey register(AbstractSelectableChannel ch, int ops, Object att) {
        throw new UnsupportedOperationException("an InterruptBridge only relays interrupts");
    }

    @Override
    public Set<SelectionKey> keys() {
        return Set.of();
    }

    @Override
    public Set<SelectionKey> selectedKeys() {
        return Set.of();
    }

    @Override
    public int selectNow() {
        return 0;
    }

    @Override
    public int select(long timeout) throws IOException {
        throw new UnsupportedOperationException("an InterruptBridge only relays interrupts");
    }

    @Override
    public int select() throws IOException {
        throw new UnsupportedOperationException("an InterruptBridge only relays interrupts");
    }
}
