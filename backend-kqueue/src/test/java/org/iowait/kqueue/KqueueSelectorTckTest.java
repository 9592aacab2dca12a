package org.iowait.kqueue;

import org.iowait.spi.SelectorProvider;
import org.iowait.tck.SelectorTck;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs once per struct kevent layout, and once against libkqueue: the pom's surefire executions set
 * -Diowait.kqueue.abi and the library.
 */
@ExtendWith(LibkqueueDeviations.class)
class KqueueSelectorTckTest extends SelectorTck {
    @Override
    protected SelectorProvider provider() {
        return new KqueueProvider();
    }
}
