package org.iowait.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.iowait.tck.TckMain;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tck}: the compatibility kit against the available backends, with progress per group as it runs. */
@Command(name = "tck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the compatibility kit against every available backend (or one).",
                "Exit status 1 when any case fails. -Diowait.tck.timeoutFactor=N stretches waits on slow machines."})
final class TckCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--backend", paramLabel = "NAME", description = "Only this backend (e.g. poll).")
    String backend;

    TckCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        if (backend != null) {
            args.add("--backend");
            args.add(backend);
        }
        int status = TckMain.run(args, out);
        return status == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
