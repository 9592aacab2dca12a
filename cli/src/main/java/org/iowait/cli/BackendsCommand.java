package org.iowait.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.iowait.DefaultSelector;
import org.iowait.spi.SelectorProvider;

/** {@code backends}: every provider found, best first, with why an unavailable one is unavailable. */
final class BackendsCommand {
    private BackendsCommand() {
    }

    static int run(PrintStream out) {
        out.printf(Locale.ROOT, "%-8s %8s  %-11s  %s%n", "backend", "priority", "available", "modes / reason");
        for (SelectorProvider provider : DefaultSelector.providers()) {
            boolean available = provider.isAvailable();
            String detail = available ? provider.modes() + (provider.description().isEmpty() ? "" : "  " + provider.description())
                    : provider.unavailabilityCause().map(BackendsCommand::reason).orElse("no reason given");
            out.printf(Locale.ROOT, "%-8s %8d  %-11s  %s%n", provider.name(), provider.priority(),
                    available ? "yes" : "no", detail);
        }
        out.println();
        out.println(DefaultSelector.describe());
        return 0;
    }

    private static String reason(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
