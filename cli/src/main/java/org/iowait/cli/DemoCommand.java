package org.iowait.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import org.iowait.DefaultSelector;
import org.iowait.Selector;
import org.iowait.spi.SelectorProvider;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code demo}: the echo load on {@link DefaultSelector}, then through every other available backend. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A loopback echo server on DefaultSelector, then on every other available backend.")
final class DemoCommand implements Callable<Integer> {
    private final PrintStream out;
    @Mixin
    LoadOptions load;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Selector selector = DefaultSelector.open();
        String chosen = selector.backend();
        out.println("DefaultSelector chose '" + chosen + "'; echo over loopback with "
                + LoadOptions.plural(load.clients, "client") + " for " + load.duration.toMillis() + " ms per backend:");
        out.println(EchoLoad.run(EchoLoop.of(selector), load).line() + "   (default)");
        for (SelectorProvider provider : DefaultSelector.providers()) {
            if (provider.isAvailable() && !provider.name().equals(chosen)) {
                out.println(EchoLoad.run(EchoLoop.of(provider.open()), load).line());
            }
        }
        return ExitCodes.OK;
    }
}
