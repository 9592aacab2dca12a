package org.iowait.devpoll;

import org.iowait.spi.SelectorProvider;
import org.iowait.tck.SelectorTck;

/** Against the /dev/poll ABI emulator, which the pom builds and names with -Diowait.devpoll.library. */
class DevpollSelectorTckTest extends SelectorTck {
    @Override
    protected SelectorProvider provider() {
        return new DevpollProvider();
    }
}
