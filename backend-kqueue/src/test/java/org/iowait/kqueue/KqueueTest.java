package org.iowait.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.iowait.ErrnoException;
import org.iowait.Selector;
import org.iowait.posix.Errno;
import org.iowait.posix.Posix;
import org.iowait.tck.Fds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Modelled on CPython's test_kqueue.py; runs once per layout like the TCK, and against libkqueue. */
@ExtendWith(LibkqueueDeviations.class)
class KqueueTest {
    @Test
    @DisplayName("struct kevent fields round-trip through native memory, incl. fflags 0xffffffff and flags 0xffff")
    void fieldRoundTrip() {
        KEvent[] samples = {
            new KEvent(1, KEvent.EVFILT_READ, KEvent.EV_ADD, 0, 0, 0),
            new KEvent(0xFFFF_FFFFL, (short) -7, (short) 0xffff, 0xffffffff, Long.MAX_VALUE, Long.MIN_VALUE),
            new KEvent(Long.MAX_VALUE, (short) 0x7fff, (short) 0x8000, 0x7fffffff, -1, 0x1234_5678_9abc_def0L),
        };
        try (KqueueSyscalls.KEventArray array = new KqueueSyscalls.KEventArray(samples.length)) {
            for (int i = 0; i < samples.length; i++) {
                array.set(i, samples[i]);
            }
            for (int i = 0; i < samples.length; i++) {
                assertEquals(samples[i], array.get(i));
            }
        }
        KEvent flags = new KEvent(0, (short) 0, (short) 0xffff, 0xffffffff, 0, 0);
        assertEquals(0xffff, flags.flags() & 0xffff);
        assertEquals(0xffffffffL, flags.fflags() & 0xffffffffL);
        assertTrue(flags.has(KEvent.EV_EOF) && flags.has(KEvent.EV_ADD));
    }

    @Test
    @DisplayName("the layout in use matches -Diowait.kqueue.abi: 32 bytes (macOS, FreeBSD 11), 64 (FreeBSD 12)")
    void layout() {
        String abi = System.getProperty("iowait.kqueue.abi");
        assertEquals(KqueueAbi.parse(abi), Kqueue.abi());
        assertEquals(abi.equals("freebsd12") ? 64 : 32, Kqueue.abi().size());
        assertEquals(abi.equals("macos") ? -10 : -11, Kqueue.abi().evfiltUser());
        assertThrows(IllegalArgumentException.class, () -> KqueueAbi.parse("netbsd"));
    }

    @Test
    @DisplayName("a read event's data is the number of bytes available; EV_EOF marks a hang-up")
    void readData() throws IOException {
        int[] p = Posix.pipe(true);
        try (Kqueue kq = Kqueue.open()) {
            List<KEvent> none = kq.control(List.of(KEvent.of(p[0], KEvent.EVFILT_READ, KEvent.EV_ADD)), 4, Duration.ZERO);
            assertEquals(List.of(), none);
            Posix.write(p[1], new byte[123], 0, 123);
            List<KEvent> ready = kq.control(null, 4, Duration.ofSeconds(1));
            assertEquals(1, ready.size());
            assertEquals(p[0], ready.get(0).ident());
            assertEquals(KEvent.EVFILT_READ, ready.get(0).filter());
            assertEquals(123, ready.get(0).data());
            Posix.close(p[1]);
            assertTrue(kq.control(null, 4, Duration.ofSeconds(1)).get(0).has(KEvent.EV_EOF));
        } finally {
            Posix.closeQuietly(p[0]);
        }
    }

    @Test
    @DisplayName("a change for a bad fd comes back as an EV_ERROR event with EBADF in data")
    void errorEvent() throws IOException {
        int bad = Fds.closedFd();
        try (Kqueue kq = Kqueue.open()) {
            List<KEvent> out = kq.control(List.of(KEvent.of(bad, KEvent.EVFILT_READ, KEvent.EV_ADD)), 4, Duration.ZERO);
            assertEquals(1, out.size());
            assertTrue(out.get(0).has(KEvent.EV_ERROR));
            assertEquals(Errno.EBADF, out.get(0).data());
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> kq.control(List.of(KEvent.of(bad, KEvent.EVFILT_READ, KEvent.EV_ADD)), 0, Duration.ZERO));
            assertEquals("EBADF", e.errnoName());
        }
    }

    @Test
    @DisplayName("the selector turns a refused change into ErrnoException naming the filter and fd, and keeps no key")
    void selectorError() throws IOException {
        int bad = Fds.closedFd();
        try (Selector selector = new KqueueProvider().open()) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> selector.register(bad, Selector.READ));
            assertEquals("kevent(EV_ADD EVFILT_READ, fd=" + bad + "): EBADF (Bad file descriptor)", e.getMessage());
            assertTrue(selector.keys().isEmpty());
        }
    }

    @Test
    @DisplayName("a closed Kqueue refuses every operation; the kqueue fd is close-on-exec")
    void closed() throws IOException {
        Kqueue kq = Kqueue.open();
        int fd = kq.fileno();
        assertTrue(Posix.isCloseOnExec(fd));
        kq.close();
        kq.close();
        assertTrue(kq.isClosed());
        assertFalse(Posix.isOpen(fd));
        assertThrows(IllegalStateException.class, kq::fileno);
        assertThrows(IllegalStateException.class, () -> kq.control(null, 1, Duration.ZERO));
    }

    @Test
    @DisplayName("EVFILT_USER: NOTE_TRIGGER fires it, NOTE_FFCOPY sets its fflags, and the trigger's udata replaces the old")
    void userFilter() throws IOException {
        short user = Kqueue.abi().evfiltUser();
        try (Kqueue kq = Kqueue.open()) {
            kq.control(List.of(new KEvent(7, user, (short) (KEvent.EV_ADD | KEvent.EV_CLEAR), 0, 0, 99)), 0, Duration.ZERO);
            assertEquals(List.of(), kq.control(null, 4, Duration.ZERO));
            kq.control(List.of(new KEvent(7, user, (short) 0, KEvent.NOTE_TRIGGER | KEvent.NOTE_FFCOPY | 0x3, 0, 55)), 0,
                    Duration.ZERO);
            List<KEvent> fired = kq.control(null, 4, Duration.ofSeconds(1));
            assertEquals(1, fired.size());
            assertEquals(7, fired.get(0).ident());
            assertEquals(0x3, fired.get(0).fflags() & KEvent.NOTE_FFLAGSMASK);
            assertEquals(55, fired.get(0).udata()); // FreeBSD and macOS store udata on every change
        }
    }
}
