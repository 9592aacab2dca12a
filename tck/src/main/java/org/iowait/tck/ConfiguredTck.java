package org.iowait.tck;

import org.iowait.spi.SelectorProvider;

/** The kit bound to whichever provider {@link TckMain} is checking at the moment. */
final class ConfiguredTck extends SelectorTck {
    static volatile SelectorProvider current;

    @Override
    protected SelectorProvider provider() {
        return current;
    }
}
