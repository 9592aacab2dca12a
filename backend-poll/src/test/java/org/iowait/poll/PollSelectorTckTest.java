package org.iowait.poll;

import org.iowait.spi.SelectorProvider;
import org.iowait.tck.SelectorTck;

class PollSelectorTckTest extends SelectorTck {
    @Override
    protected SelectorProvider provider() {
        return new PollProvider();
    }
}
