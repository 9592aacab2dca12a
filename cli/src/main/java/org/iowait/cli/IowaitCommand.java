package org.iowait.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top command: with no subcommand it prints the usage and exits 2. */
@Command(name = "iowait", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Wait for I/O readiness on any file descriptor: select, poll, epoll, kqueue, /dev/poll.",
        footer = {"", "Exit status: 0 done, 1 failed (the message says what to try), 2 usage error,",
                "70 unexpected failure (a bug or a dead server thread)."})
final class IowaitCommand implements Runnable {
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing command: one of backends, demo, bench, chat, tck (or --help)");
    }
}
