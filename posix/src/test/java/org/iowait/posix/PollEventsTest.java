package org.iowait.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.iowait.Selector;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PollEventsTest {
    private static final int BOTH = Selector.READ | Selector.WRITE;

    @Test
    @DisplayName("READ/WRITE map to POLLIN/POLLOUT; HUP, ERR and NVAL count as READ|WRITE; PRI as READ")
    void mapping() {
        assertEquals(PollEvents.POLLIN, PollEvents.toPoll(Selector.READ));
        assertEquals(PollEvents.POLLOUT, PollEvents.toPoll(Selector.WRITE));
        assertEquals(PollEvents.POLLIN | PollEvents.POLLOUT, PollEvents.toPoll(BOTH));
        assertEquals(Selector.READ, PollEvents.fromPoll(PollEvents.POLLIN));
        assertEquals(Selector.READ, PollEvents.fromPoll(PollEvents.POLLPRI));
        assertEquals(Selector.WRITE, PollEvents.fromPoll(PollEvents.POLLOUT));
        assertEquals(BOTH, PollEvents.fromPoll(PollEvents.POLLHUP));
        assertEquals(BOTH, PollEvents.fromPoll(PollEvents.POLLERR));
        assertEquals(BOTH, PollEvents.fromPoll(PollEvents.POLLNVAL));
        assertEquals(0, PollEvents.fromPoll(0));
    }

    @Test
    @DisplayName("the bits that differ per OS: POLLRDHUP, POLLWRNORM, POLLWRBAND")
    void perOs() {
        assertEquals(0x2000, PollEvents.rdhup(Os.LINUX));
        assertEquals(0x4000, PollEvents.rdhup(Os.SOLARIS));
        assertEquals(0x4000, PollEvents.rdhup(Os.FREEBSD));
        assertEquals(0, PollEvents.rdhup(Os.MACOS));
        assertEquals(0x100, PollEvents.wrnorm(Os.LINUX));
        assertEquals(PollEvents.POLLOUT, PollEvents.wrnorm(Os.SOLARIS));
        assertEquals(0x200, PollEvents.wrband(Os.LINUX));
        assertEquals(0x100, PollEvents.wrband(Os.OPENBSD));
        assertEquals(PollEvents.rdhup(Os.host()), PollEvents.POLLRDHUP);
    }
}
