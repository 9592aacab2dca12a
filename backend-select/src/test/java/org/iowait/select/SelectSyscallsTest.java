package org.iowait.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;

import org.iowait.posix.NativeLayout;
import org.iowait.posix.Os;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SelectSyscallsTest {
    private static long[] mask(int wordBits, int... fds) {
        long[] words = new long[SelectSyscalls.FD_SETSIZE / wordBits];
        for (int fd : fds) {
            words[fd / wordBits] |= 1L << (fd % wordBits);
        }
        return words;
    }

    @Test
    @DisplayName("nfds with 32-bit fd_set words (macOS, OpenBSD, NetBSD, ILP32 Linux): highest fd 5 gives 6, not -58")
    void nfds32() {
        long[] none = mask(32);
        assertEquals(6, SelectSyscalls.nfds(mask(32, 5), none, 32));
        assertEquals(6, SelectSyscalls.nfds(none, mask(32, 0, 5), 32));
        assertEquals(32, SelectSyscalls.nfds(mask(32, 31), none, 32));
        assertEquals(33, SelectSyscalls.nfds(mask(32, 3), mask(32, 32), 32));
        assertEquals(1024, SelectSyscalls.nfds(mask(32, 1023), none, 32));
        assertEquals(0, SelectSyscalls.nfds(none, none, 32));
    }

    @Test
    @DisplayName("nfds with 64-bit fd_set words: highest fd + 1 in every word")
    void nfds64() {
        long[] none = mask(64);
        assertEquals(6, SelectSyscalls.nfds(mask(64, 5), none, 64));
        assertEquals(64, SelectSyscalls.nfds(mask(64, 63), none, 64));
        assertEquals(65, SelectSyscalls.nfds(none, mask(64, 64), 64));
        assertEquals(1024, SelectSyscalls.nfds(mask(64, 1023, 2), none, 64));
        assertEquals(0, SelectSyscalls.nfds(none, none, 64));
    }

    @Test
    @DisplayName("-Diowait.select.wordBits: 32 or 64 on little-endian; only the native width on big-endian; else refused")
    void wordBitsProperty() {
        NativeLayout x86 = NativeLayout.of(Os.LINUX, "x86-64");
        assertEquals(64, SelectSyscalls.wordBits(x86, null));
        assertEquals(32, SelectSyscalls.wordBits(x86, "32"));
        assertEquals(32, SelectSyscalls.wordBits(NativeLayout.of(Os.MACOS, "aarch64"), null));
        assertEquals(32, SelectSyscalls.wordBits(NativeLayout.of(Os.LINUX, "x86"), null));
        NativeLayout s390x = NativeLayout.of(Os.LINUX, "s390x");
        assertEquals(ByteOrder.BIG_ENDIAN, s390x.order());
        assertEquals(64, SelectSyscalls.wordBits(s390x, "64"));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> SelectSyscalls.wordBits(s390x, "32"));
        assertTrue(e.getMessage().contains("big-endian"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> SelectSyscalls.wordBits(x86, "16"));
        assertTrue(bad.getMessage().contains("expected 32 or 64"), bad.getMessage());
    }

    @Test
    @DisplayName("this run uses the word width asked for by -Diowait.select.wordBits (the words-32 run forces 32)")
    void wordBitsInEffect() {
        String forced = System.getProperty(SelectSyscalls.WORD_BITS_PROPERTY);
        int expected = forced != null ? Integer.parseInt(forced) : NativeLayout.host().fdSetWordBits();
        assertEquals(expected, SelectSyscalls.WORD_BITS);
        assertEquals(SelectSyscalls.FD_SETSIZE / expected, SelectSyscalls.WORDS);
    }
}
