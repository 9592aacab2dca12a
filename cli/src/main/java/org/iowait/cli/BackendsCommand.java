package org.iowait.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.iowait.DefaultSelector;
import org.iowait.spi.SelectorProvider;

import picocli.CommandLine.Command;

/** {@code backends}: one table of every provider found, best first, with why an unavailable one is unavailable. */
@Command(name = "backends", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Every backend found: priority, whether it is available here (or why not), its modes.")
final class BackendsCommand implements Callable<Integer> {
    private final PrintStream out;

    BackendsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        out.printf(Locale.ROOT, "%-8s %8s  %-9s  %s%n", "backend", "priority", "available", "modes, or why not");
        for (SelectorProvider provider : DefaultSelector.providers()) {
            boolean available = provider.isAvailable();
            String detail = available ? String.join(", ", provider.modes().stream().map(Enum::name).toList())
                    + (provider.description().isEmpty() ? "" : "; " + provider.description())
                    : provider.unavailabilityCause().map(BackendsCommand::reason).orElse("no reason given");
            out.printf(Locale.ROOT, "%-8s %8d  %-9s  %s%n", provider.name(), provider.priority(),
                    available ? "yes" : "no", detail);
        }
        out.println();
        try {
            out.println("chosen: " + DefaultSelector.provider().name()
                    + " (the highest priority available; force another with -Diowait.backend=NAME)");
        } catch (IllegalStateException none) {
            throw new CliFailure(none.getMessage(), none);
        }
        return ExitCodes.OK;
    }

    private static String reason(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
