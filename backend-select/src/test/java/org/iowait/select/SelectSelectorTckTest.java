package org.iowait.select;

import org.iowait.spi.SelectorProvider;
import org.iowait.tck.SelectorTck;

class SelectSelectorTckTest extends SelectorTck {
    @Override
    protected SelectorProvider provider() {
        return new SelectProvider();
    }
}
