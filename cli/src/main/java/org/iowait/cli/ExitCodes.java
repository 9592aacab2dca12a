package org.iowait.cli;

/**
 * The command line's exit statuses, as the README lists them. A supervisor or script can tell a failure it can act on
 * (1) from a mistake in the command line (2) and from a defect or a dead server thread (70).
 */
final class ExitCodes {
    /** The command did its job (for {@code chat}: it was stopped on request). */
    static final int OK = 0;
    /** An expected failure the user can act on: port in use, unknown host, out of file descriptors, a TCK failure. */
    static final int FAILURE = 1;
    /** A usage error: unknown command or option, a stray word, a value of the wrong form or out of range. */
    static final int USAGE = 2;
    /** An unexpected failure (a bug, or a server thread that died, e.g. of an OutOfMemoryError): BSD's EX_SOFTWARE. */
    static final int SOFTWARE = 70;

    private ExitCodes() {
    }
}
