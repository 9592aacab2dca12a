package org.iowait;

/**
 * Anything that owns a file descriptor: the Java spelling of Python's {@code fileno()}.
 *
 * <pre>{@code
 * FileDescriptorSource tty = () -> ttyFd;
 * selector.register(tty, Selector.READ);
 * }</pre>
 */
@FunctionalInterface
public interface FileDescriptorSource {
    /** @return the descriptor number, never negative while the source is open */
    int fd();
}
