package org.iowait.cli;

import java.time.Duration;

import org.iowait.DefaultSelector;
import org.iowait.Selector;
import org.iowait.posix.Posix;
import org.iowait.spi.SelectorProvider;

/** Run by {@link ModulePathTest} with the iowait jars on the module path: discovery and a select through JPMS. */
public final class ModulePathProbe {
    private ModulePathProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("module " + DefaultSelector.class.getModule().getName());
        for (SelectorProvider provider : DefaultSelector.providers()) {
            System.out.println("provider " + provider.name() + " in " + provider.getClass().getModule().getName());
        }
        try (Selector selector = DefaultSelector.open()) {
            int[] p = Posix.pipe(true);
            selector.register(p[0], Selector.READ);
            Posix.write(p[1], new byte[] {1}, 0, 1);
            System.out.println("selected " + selector.select(Duration.ofSeconds(5)).size() + " on " + selector.backend());
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
    }
}
