package example.counting;

import org.iowait.spi.SelectorProvider;
import org.iowait.tck.SelectorTck;

/** The whole published compatibility kit against the counting backend. */
class CountingSelectorTckTest extends SelectorTck {
    @Override
    protected SelectorProvider provider() {
        return new CountingProvider();
    }
}
