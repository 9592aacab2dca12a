package org.iowait.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.iowait.DefaultSelector;
import org.iowait.spi.SelectorProvider;

/**
 * {@code bench}: the echo load on JDK NIO's Selector and on every available backend, in one run, with each one's
 * ratio to JDK NIO. Indicative only (one run, wall clock); the JMH figures come from {@code bench/run}.
 */
final class BenchCommand {
    private BenchCommand() {
    }

    static int run(Options options, PrintStream out) throws Exception {
        List<EchoLoad.Result> results = new ArrayList<>();
        results.add(EchoLoad.run(EchoLoop.jdkNio(), options));
        for (SelectorProvider provider : DefaultSelector.providers()) {
            if (provider.isAvailable()) {
                results.add(EchoLoad.run(EchoLoop.of(provider.open()), options));
            }
        }
        double baseline = results.get(0).roundTripsPerSecond();
        out.println("echo round-trips, " + options.clients() + " clients, " + options.size() + " B, "
                + options.duration().toMillis() + " ms each (indicative; run bench/run for JMH figures):");
        for (EchoLoad.Result result : results) {
            out.println(result.line() + String.format(Locale.ROOT, "   %.2f x jdk-nio",
                    result.roundTripsPerSecond() / baseline));
        }
        return 0;
    }
}
