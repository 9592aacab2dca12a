package org.iowait;

/**
 * One ready registration returned by {@link Selector#select(java.time.Duration)}.
 *
 * <pre>{@code
 * for (Ready r : selector.select(Duration.ofMillis(100))) {
 *     if (r.isReadable()) read(r.key().fileobj());
 * }
 * }</pre>
 *
 * @param key    the registration
 * @param events the ready events, masked by the key's interest set
 */
public record Ready(SelectorKey key, int events) {
    /** @return whether {@link Selector#READ} is among the ready events */
    public boolean isReadable() {
        return (events & Selector.READ) != 0;
    }

    /** @return whether {@link Selector#WRITE} is among the ready events */
    public boolean isWritable() {
        return (events & Selector.WRITE) != 0;
    }
}
