package org.iowait;

import java.io.IOException;

/**
 * A system call failed. The message names the call with its arguments, the errno's symbolic name and its
 * description, e.g. {@code epoll_ctl(ADD, fd=12): EPERM (Operation not permitted)}.
 *
 * <pre>{@code
 * try {
 *     selector.register(regularFile, Selector.READ);
 * } catch (ErrnoException e) {
 *     if (e.errnoName().equals("EPERM")) useThreadInstead();
 * }
 * }</pre>
 */
public class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;
    private final String errnoName;

    /**
     * @param call        the call and its arguments, e.g. {@code "epoll_ctl(ADD, fd=12)"}
     * @param errno       the errno value as the OS numbers it
     * @param errnoName   its symbolic name, e.g. {@code "EPERM"}
     * @param description the OS's text for it, e.g. {@code "Operation not permitted"}
     */
    public ErrnoException(String call, int errno, String errnoName, String description) {
        super(call + ": " + errnoName + " (" + description + ")");
        this.call = call;
        this.errno = errno;
        this.errnoName = errnoName;
    }

    /** @return the errno value, as numbered by the running OS */
    public int errno() {
        return errno;
    }

    /** @return the symbolic name, e.g. {@code "EBADF"}; {@code "E<number>"} when the number is unknown */
    public String errnoName() {
        return errnoName;
    }

    /** @return the failed call with its arguments */
    public String call() {
        return call;
    }
}
