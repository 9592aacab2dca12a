package org.iowait.cli;

import java.io.PrintStream;

import org.iowait.DefaultSelector;
import org.iowait.Selector;
import org.iowait.spi.SelectorProvider;

/** {@code demo}: the echo load on {@link DefaultSelector}, then through every other available backend. */
final class DemoCommand {
    private DemoCommand() {
    }

    static int run(Options options, PrintStream out) throws Exception {
        Selector selector = DefaultSelector.open();
        String chosen = selector.backend();
        out.println("DefaultSelector chose '" + chosen + "'; echo over loopback for " + options.duration().toMillis()
                + " ms per backend:");
        out.println(EchoLoad.run(EchoLoop.of(selector), options).line() + "   (default)");
        for (SelectorProvider provider : DefaultSelector.providers()) {
            if (provider.isAvailable() && !provider.name().equals(chosen)) {
                out.println(EchoLoad.run(EchoLoop.of(provider.open()), options).line());
            }
        }
        return 0;
    }
}
