package org.iowait;

import java.io.IOException;

/**
 * Receives each ready key of one select, without allocating a {@link Ready} per event.
 *
 * <pre>{@code
 * int n = selector.select(Duration.ofSeconds(1), (key, events) -> {
 *     if ((events & Selector.READ) != 0) handleRead(key);
 * });
 * }</pre>
 */
@FunctionalInterface
public interface ReadyHandler {
    /**
     * @param key    the registration that is ready
     * @param events the ready events, already masked by {@code key.events()}; never 0
     * @throws IOException to abort the select; the exception propagates to the caller
     */
    void ready(SelectorKey key, int events) throws IOException;
}
