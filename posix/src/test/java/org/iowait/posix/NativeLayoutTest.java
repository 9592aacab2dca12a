package org.iowait.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;

import com.sun.jna.Native;
import com.sun.jna.Platform;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NativeLayoutTest {
    @Test
    @DisplayName("the host's entry agrees with what JNA measures and with the JVM's byte order")
    void hostMatchesJna() {
        NativeLayout host = NativeLayout.host();
        assertEquals(Native.LONG_SIZE, host.longSize());
        assertEquals(Native.POINTER_SIZE, host.longSize());
        assertEquals(ByteOrder.nativeOrder(), host.order());
        assertEquals(Os.host(), host.os());
        assertEquals(Platform.ARCH, host.arch());
        assertEquals(Native.POINTER_SIZE == 4, DataModel.ILP32_HOST);
    }

    @Test
    @DisplayName("i386: ILP32, epoll_event 12 bytes packed, nfds_t 4, fd_set words 32 bits, timeval 8 bytes")
    void i386() {
        NativeLayout l = NativeLayout.of(Os.LINUX, "x86");
        assertTrue(l.isIlp32());
        assertEquals(4, l.longSize());
        assertEquals(12, l.epollEventSize());
        assertEquals(4, l.epollDataOffset());
        assertEquals(4, l.nfdsSize());
        assertEquals(32, l.fdSetWordBits());
        assertEquals(8, l.timeval().size());
    }

    @Test
    @DisplayName("armhf (EABI): ILP32, epoll_event 16 bytes with data at 8")
    void armhf() {
        NativeLayout l = NativeLayout.of(Os.LINUX, "arm");
        assertTrue(l.isIlp32());
        assertEquals(16, l.epollEventSize());
        assertEquals(8, l.epollDataOffset());
        assertEquals(ByteOrder.LITTLE_ENDIAN, l.order());
        assertEquals(32, l.fdSetWordBits());
    }

    @Test
    @DisplayName("LP64: x86_64 packs epoll_event (12), aarch64 and s390x do not (16); s390x is big-endian")
    void lp64() {
        assertEquals(12, NativeLayout.of(Os.LINUX, "x86-64").epollEventSize());
        assertEquals(16, NativeLayout.of(Os.LINUX, "aarch64").epollEventSize());
        NativeLayout s390x = NativeLayout.of(Os.LINUX, "s390x");
        assertEquals(8, s390x.epollDataOffset());
        assertEquals(ByteOrder.BIG_ENDIAN, s390x.order());
        assertEquals(64, s390x.fdSetWordBits());
        assertEquals(8, s390x.nfdsSize());
    }

    @Test
    @DisplayName("nfds_t and fd_set words per OS: macOS, OpenBSD and NetBSD use 32-bit words; FreeBSD and Solaris long")
    void perOs() {
        assertEquals(4, NativeLayout.of(Os.MACOS, "aarch64").nfdsSize());
        assertEquals(32, NativeLayout.of(Os.MACOS, "aarch64").fdSetWordBits());
        assertEquals(32, NativeLayout.of(Os.OPENBSD, "x86-64").fdSetWordBits());
        assertEquals(32, NativeLayout.of(Os.NETBSD, "x86-64").fdSetWordBits());
        assertEquals(64, NativeLayout.of(Os.FREEBSD, "x86-64").fdSetWordBits());
        assertEquals(4, NativeLayout.of(Os.FREEBSD, "x86-64").nfdsSize());
        assertEquals(8, NativeLayout.of(Os.SOLARIS, "x86-64").nfdsSize());
        assertThrows(UnsupportedOperationException.class, () -> NativeLayout.of(Os.MACOS, "x86-64").epollEventSize());
    }

    @Test
    @DisplayName("an architecture or OS/model pair the table does not know is refused with the reason")
    void unknown() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> NativeLayout.of(Os.LINUX, "mips"));
        assertTrue(e.getMessage().contains("'mips'") && e.getMessage().contains("known:"), e.getMessage());
        e = assertThrows(UnsupportedOperationException.class, () -> NativeLayout.of(Os.FREEBSD, "x86"));
        assertTrue(e.getMessage().contains("timeval"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> NativeLayout.of(Os.OTHER, "x86-64"));
    }
}
