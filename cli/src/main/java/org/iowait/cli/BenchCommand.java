package org.iowait.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.iowait.DefaultSelector;
import org.iowait.spi.SelectorProvider;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bench}: the echo load on JDK NIO's Selector and on every available backend, in one run, with each one's
 * ratio to JDK NIO, printed as each finishes. Indicative only (one run, wall clock); the JMH figures come from
 * {@code bench/run}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"The echo load on JDK NIO's Selector and on every available backend, side by side.",
                "Indicative (one run, wall clock): bench/run gives the JMH figures."})
final class BenchCommand implements Callable<Integer> {
    private final PrintStream out;
    @Mixin
    LoadOptions load;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        List<EchoLoop> loops = new ArrayList<>();
        loops.add(EchoLoop.jdkNio());
        for (SelectorProvider provider : DefaultSelector.providers()) {
            if (provider.isAvailable()) {
                loops.add(EchoLoop.of(provider.open()));
            }
        }
        out.println("echo round-trips, " + LoadOptions.plural(load.clients, "client") + ", " + load.size + " B, "
                + load.duration.toMillis() + " ms each, " + loops.size() + " subjects (indicative; bench/run gives JMH figures):");
        double baseline = 0;
        for (EchoLoop loop : loops) {
            EchoLoad.Result result = EchoLoad.run(loop, load);
            if (baseline == 0) {
                baseline = result.roundTripsPerSecond();
            }
            out.println(result.line() + String.format(Locale.ROOT, "   %.2f x jdk-nio", result.roundTripsPerSecond() / baseline));
        }
        return ExitCodes.OK;
    }
}
