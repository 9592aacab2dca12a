package example.fat;

import java.io.IOException;
import java.util.stream.Collectors;

import org.iowait.DefaultSelector;
import org.iowait.Selector;
import org.iowait.spi.SelectorProvider;

/** Prints every provider ServiceLoader found inside the one jar, and the one DefaultSelector chose. */
public final class FatApp {
    private FatApp() {
    }

    public static void main(String[] args) throws IOException {
        String found = DefaultSelector.providers().stream().map(SelectorProvider::name).sorted()
                .collect(Collectors.joining(","));
        try (Selector selector = DefaultSelector.open()) {
            System.out.println("providers=" + found + " backend=" + selector.backend());
        }
    }
}
