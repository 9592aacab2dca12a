package example.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;

import org.iowait.DefaultSelector;
import org.iowait.Selector;
import org.junit.jupiter.api.Test;

/** ServiceLoader finds the @AutoService registration, and its priority wins over poll (and epoll, when present). */
class DefaultChoiceTest {
    @Test
    void defaultSelectorChoosesTheCountingBackend() throws IOException {
        assertEquals("counting", DefaultSelector.provider().name(), DefaultSelector.describe());
        try (Selector selector = DefaultSelector.open()) {
            assertEquals("counting", selector.backend());
            long before = CountingSelector.selects();
            assertEquals(0, selector.select(Duration.ZERO).size());
            assertEquals(before + 1, CountingSelector.selects());
        }
    }
}
