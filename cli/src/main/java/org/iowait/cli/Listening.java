package org.iowait.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.iowait.ErrnoException;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Binds a server command's {@code --host} and {@code --port}, turning the failures a user can fix (a bad port, an
 * unknown host, a port in use, a foreign address, no fds left) into one line that says what to try. {@code chat} and
 * {@code echo} share it, so both speak alike.
 */
final class Listening {
    /** Opens and binds the server; a {@link BindException} or other {@link IOException} is translated by the caller. */
    interface Binder<T> {
        T bind(InetAddress address, int port) throws IOException;
    }

    private Listening() {
    }

    /** @param what the server's name in messages, e.g. "chat server" */
    static <T> T listen(CommandSpec spec, String host, int port, String what, Binder<T> binder) {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        InetAddress address = resolve(host);
        try {
            return binder.bind(address, port);
        } catch (BindException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("in use")) {
                throw new CliFailure("port " + port + " on " + host + " is in use; choose another with --port "
                        + "(0 picks a free one)", e);
            }
            if (reason.contains("assign")) {
                throw new CliFailure("cannot listen on " + host + ": it is not an address of this machine; choose "
                        + "a local one with --host (e.g. 127.0.0.1)", e);
            }
            if (reason.contains("ermission")) {
                throw new CliFailure("port " + port + " needs privileges; choose one above 1023 with --port", e);
            }
            throw new CliFailure("cannot listen on " + host + ":" + port + ": " + reason, e);
        } catch (IOException e) {
            String reason = e instanceof ErrnoException errno ? errno.errnoName() : String.valueOf(e.getMessage());
            boolean outOfFds = reason.contains("EMFILE") || reason.contains("ENFILE")
                    || reason.contains("Too many open files");
            throw new CliFailure("cannot start the " + what + ": " + e.getMessage()
                    + (outOfFds ? "; too many open files: raise the limit (ulimit -n) or close some" : ""), e);
        }
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CliFailure("unknown host '" + host + "'; give a name or address of this machine with --host "
                    + "(e.g. 127.0.0.1)", e);
        }
    }
}
