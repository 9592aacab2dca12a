package org.iowait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.iowait.DefaultSelector;
import org.iowait.Selector;
import org.iowait.spi.SelectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DefaultSelector with every backend jar on the class path, as users get it. */
class DefaultSelectorTest {
    @AfterEach
    void clearOverride() {
        System.clearProperty(DefaultSelector.BACKEND_PROPERTY);
    }

    @Test
    @DisplayName("providers are listed best first: priority descending, ties by name")
    void order() {
        List<SelectorProvider> providers = DefaultSelector.providers();
        assertTrue(providers.stream().anyMatch(p -> p.name().equals("poll")));
        for (int i = 1; i < providers.size(); i++) {
            SelectorProvider a = providers.get(i - 1);
            SelectorProvider b = providers.get(i);
            assertTrue(a.priority() > b.priority() || a.priority() == b.priority() && a.name().compareTo(b.name()) < 0,
                    a.name() + " before " + b.name());
        }
    }

    @Test
    @DisplayName("open() takes the best available provider")
    void best() throws Exception {
        SelectorProvider best = DefaultSelector.providers().stream().filter(SelectorProvider::isAvailable).findFirst()
                .orElseThrow();
        try (Selector selector = DefaultSelector.open()) {
            assertEquals(best.name(), selector.backend());
        }
    }

    @Test
    @DisplayName("-Diowait.backend forces a provider; an unknown name fails listing every candidate")
    void forced() throws Exception {
        System.setProperty(DefaultSelector.BACKEND_PROPERTY, "poll");
        try (Selector selector = DefaultSelector.open()) {
            assertEquals("poll", selector.backend());
        }
        assertTrue(DefaultSelector.describe().contains("forced by -Diowait.backend=poll"));
        System.setProperty(DefaultSelector.BACKEND_PROPERTY, "nope");
        IllegalStateException e = assertThrows(IllegalStateException.class, DefaultSelector::open);
        assertTrue(e.getMessage().contains("no iowait backend named 'nope'"), e.getMessage());
        for (SelectorProvider provider : DefaultSelector.providers()) {
            assertTrue(e.getMessage().contains(provider.name()), "lists " + provider.name() + ": " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("chosen: none"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> DefaultSelector.open("nope"));
        assertThrows(NullPointerException.class, () -> DefaultSelector.open(null));
    }

    @Test
    @DisplayName("an unavailable provider is refused by name, with its reason")
    void unavailable() {
        for (SelectorProvider provider : DefaultSelector.providers()) {
            if (!provider.isAvailable()) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> DefaultSelector.open(provider.name()));
                assertTrue(e.getMessage().contains("'" + provider.name() + "' is unavailable"), e.getMessage());
                assertTrue(provider.unavailabilityCause().isPresent());
            }
        }
    }

    @Test
    @DisplayName("on plain Linux epoll wins, and kqueue and devpoll are shown unavailable with the reason")
    void linuxChoice() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux"));
        assertEquals("epoll", DefaultSelector.provider().name());
        String described = DefaultSelector.describe();
        assertTrue(described.matches("(?s).*kqueue +priority 400 +unavailable: kqueue exists on macOS.*"), described);
        assertTrue(described.matches("(?s).*devpoll +priority 300 +unavailable: /dev/poll does not exist.*"), described);
        assertTrue(described.contains("chosen: epoll"), described);
    }
}
