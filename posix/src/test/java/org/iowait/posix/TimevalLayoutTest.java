package org.iowait.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each OS's {@code struct timeval} written into a buffer that starts full of 0xFF, then checked byte by byte: a field
 * written narrower than the OS declares it leaves 0xFF bytes behind, which the kernel reads as a huge or negative
 * value (EINVAL). 3,500,123 us = 3 s + 500,123 us (0x7A19B).
 */
class TimevalLayoutTest {
    private static final long MICROS = 3_500_123L;

    private static byte[] write(TimevalLayout layout, ByteOrder order, long micros) {
        ByteBuffer view = ByteBuffer.allocate(layout.size() + 4).order(order);
        Arrays.fill(view.array(), (byte) 0xFF);
        layout.write(view, 2, micros);
        assertEquals((byte) 0xFF, view.get(0), "nothing written before the struct");
        assertEquals((byte) 0xFF, view.get(layout.size() + 2), "nothing written after the struct");
        return Arrays.copyOfRange(view.array(), 2, 2 + layout.size());
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    @DisplayName("LP64 Linux, FreeBSD, OpenBSD, DragonFly and illumos: 8-byte tv_sec and 8-byte tv_usec at 8")
    void lp64LongUsec() {
        byte[] le = bytes(3, 0, 0, 0, 0, 0, 0, 0, 0x9B, 0xA1, 0x07, 0, 0, 0, 0, 0);
        for (Os os : new Os[] {Os.LINUX, Os.FREEBSD, Os.OPENBSD, Os.DRAGONFLY, Os.SOLARIS}) {
            TimevalLayout layout = TimevalLayout.of(os, DataModel.LP64);
            assertArrayEquals(le, write(layout, ByteOrder.LITTLE_ENDIAN, MICROS), os.toString());
        }
        byte[] be = bytes(0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0x07, 0xA1, 0x9B);
        assertArrayEquals(be, write(TimevalLayout.of(Os.LINUX, DataModel.LP64), ByteOrder.BIG_ENDIAN, MICROS),
                "s390x");
    }

    @Test
    @DisplayName("macOS and NetBSD: 8-byte tv_sec, 4-byte tv_usec at 8, padding zeroed (16 bytes)")
    void lp64IntUsec() {
        byte[] le = bytes(3, 0, 0, 0, 0, 0, 0, 0, 0x9B, 0xA1, 0x07, 0, 0, 0, 0, 0);
        assertArrayEquals(le, write(TimevalLayout.of(Os.MACOS, DataModel.LP64), ByteOrder.LITTLE_ENDIAN, MICROS));
        assertArrayEquals(le, write(TimevalLayout.of(Os.NETBSD, DataModel.LP64), ByteOrder.LITTLE_ENDIAN, MICROS));
        assertEquals(8, TimevalLayout.of(Os.MACOS, DataModel.LP64).usecOffset());
        assertEquals(4, TimevalLayout.of(Os.MACOS, DataModel.LP64).usecSize());
    }

    @Test
    @DisplayName("ILP32 Linux (i386, armhf): 4-byte tv_sec and tv_usec, 8 bytes in all")
    void ilp32Linux() {
        TimevalLayout layout = TimevalLayout.of(Os.LINUX, DataModel.ILP32);
        assertEquals(8, layout.size());
        assertArrayEquals(bytes(3, 0, 0, 0, 0x9B, 0xA1, 0x07, 0), write(layout, ByteOrder.LITTLE_ENDIAN, MICROS));
    }

    @Test
    @DisplayName("macOS refuses tv_sec above 10^8: a longer timeout is clamped there; ILP32 clamps at 2^31-1 s")
    void clamps() {
        long huge = Long.MAX_VALUE / 1000; // about 292 years in microseconds
        ByteBuffer mac = ByteBuffer.wrap(write(TimevalLayout.of(Os.MACOS, DataModel.LP64), ByteOrder.LITTLE_ENDIAN,
                huge)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(100_000_000L, mac.getLong(0));
        assertEquals(0, mac.getInt(8));
        ByteBuffer linux = ByteBuffer.wrap(write(TimevalLayout.of(Os.LINUX, DataModel.LP64), ByteOrder.LITTLE_ENDIAN,
                huge)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(huge / 1_000_000, linux.getLong(0));
        assertEquals(huge % 1_000_000, linux.getLong(8));
        ByteBuffer i386 = ByteBuffer.wrap(write(TimevalLayout.of(Os.LINUX, DataModel.ILP32), ByteOrder.LITTLE_ENDIAN,
                huge)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(Integer.MAX_VALUE, i386.getInt(0));
        assertEquals(0, i386.getInt(4));
    }

    @Test
    @DisplayName("layouts the table does not know are refused with the reason, not guessed; a negative timeout is refused")
    void unknown() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> TimevalLayout.of(Os.MACOS, DataModel.ILP32));
        assertEquals("no struct timeval layout known for MACOS ILP32", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TimevalLayout.of(Os.LINUX, DataModel.LP64).write(ByteBuffer.allocate(16), 0, -1));
    }
}
