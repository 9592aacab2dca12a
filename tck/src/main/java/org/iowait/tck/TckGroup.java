package org.iowait.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.iowait.Selector;
import org.iowait.spi.SelectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** Placeholder until the kit's split into group files lands from main: the fixtures a group shares. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class TckGroup {
    /** @return the provider under test; called once per test */
    protected abstract SelectorProvider provider();

    protected Selector selector;
    Fixtures fx;

    @BeforeEach
    void openSelector() throws IOException {
        SelectorProvider provider = provider();
        assumeTrue(provider.isAvailable(), () -> provider.name() + " is unavailable here: "
                + provider.unavailabilityCause().map(Throwable::toString).orElse("no reason"));
        fx = new Fixtures();
        selector = provider.open();
    }

    @AfterEach
    void closeSelector() throws IOException {
        if (selector != null) {
            selector.close();
        }
        if (fx != null) {
            fx.close();
        }
    }
}
