package org.iowait.cli;

/**
 * An expected failure with a message the user can act on ("port 7001 is in use; choose another with --port"):
 * printed as one line, with the stack trace only under {@code --debug}.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliFailure(String message, Throwable cause) {
        this(ExitCodes.FAILURE, message, cause);
    }

    CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
