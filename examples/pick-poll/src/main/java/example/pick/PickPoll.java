package example.pick;

import java.io.IOException;
import java.time.Duration;

import org.iowait.DefaultSelector;
import org.iowait.Selector;

/** Prints the backend {@link DefaultSelector} chose from the jars on the class path, after one real select. */
public final class PickPoll {
    private PickPoll() {
    }

    public static void main(String[] args) throws IOException {
        Selector selector;
        try {
            selector = DefaultSelector.open();
        } catch (IllegalStateException e) {
            System.out.println("error: " + e.getMessage());
            System.exit(3);
            return;
        }
        try (selector) {
            // Nothing is registered, so a short select must time out empty: the kernel call really ran.
            int ready = selector.select(Duration.ofMillis(10)).size();
            System.out.println("backend=" + selector.backend() + " ready=" + ready);
        }
    }
}
