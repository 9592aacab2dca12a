package org.iowait;

/**
 * One registration: the object the caller registered, its fd, the interest set, the attachment and the mode.
 * Keys are immutable; {@link Selector#modify} returns a new one.
 *
 * <pre>{@code
 * SelectorKey key = selector.register(channel, Selector.READ, session);
 * Session s = (Session) key.attachment();
 * }</pre>
 *
 * @param fileobj    the object given to {@code register}
 * @param fd         its file descriptor number
 * @param events     {@link Selector#READ}, {@link Selector#WRITE} or both
 * @param attachment caller data, may be {@code null}
 * @param mode       how readiness is reported
 */
public record SelectorKey(Object fileobj, int fd, int events, Object attachment, Mode mode) {
}
