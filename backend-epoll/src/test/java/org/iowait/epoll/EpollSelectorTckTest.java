package org.iowait.epoll;

import org.iowait.spi.SelectorProvider;
import org.iowait.tck.SelectorTck;

class EpollSelectorTckTest extends SelectorTck {
    @Override
    protected SelectorProvider provider() {
        return new EpollProvider();
    }
}
