package org.iowait.kqueue;

import org.iowait.spi.SelectorProvider;
import org.iowait.tck.SelectorTck;

/** Runs once per struct kevent layout: the pom's surefire executions set -Diowait.kqueue.abi and the library. */
class KqueueSelectorTckTest extends SelectorTck {
    @Override
    protected SelectorProvider provider() {
        return new KqueueProvider();
    }
}
