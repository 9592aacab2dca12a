package org.iowait.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ErrnoTableTest {
    @Test
    @DisplayName("illumos/Solaris numbers errno the System V way: ECONNRESET 131, EAGAIN 11, EDEADLK 45, EINPROGRESS 150")
    void solaris() {
        assertEquals(131, Errno.number(Os.SOLARIS, "ECONNRESET"));
        assertEquals(11, Errno.number(Os.SOLARIS, "EAGAIN"));
        assertEquals(45, Errno.number(Os.SOLARIS, "EDEADLK"));
        assertEquals(150, Errno.number(Os.SOLARIS, "EINPROGRESS"));
        assertEquals(89, Errno.number(Os.SOLARIS, "ENOSYS"));
        assertEquals(122, Errno.number(Os.SOLARIS, "EOPNOTSUPP"));
        assertEquals("ECONNRESET", Errno.name(Os.SOLARIS, 131));
        assertEquals("EAGAIN", Errno.name(Os.SOLARIS, 11));
        assertEquals("E104", Errno.name(Os.SOLARIS, 104), "104 is Linux's ECONNRESET, nothing on Solaris");
    }

    @Test
    @DisplayName("the BSDs: EAGAIN 35 and EDEADLK 11 everywhere; EOVERFLOW and ECANCELED differ between them")
    void bsds() {
        for (Os os : new Os[] {Os.MACOS, Os.FREEBSD, Os.OPENBSD, Os.NETBSD, Os.DRAGONFLY}) {
            assertEquals(35, Errno.number(os, "EAGAIN"), os.toString());
            assertEquals(54, Errno.number(os, "ECONNRESET"), os.toString());
        }
        assertEquals(102, Errno.number(Os.MACOS, "EOPNOTSUPP"));
        assertEquals(87, Errno.number(Os.OPENBSD, "EOVERFLOW"));
        assertEquals(88, Errno.number(Os.OPENBSD, "ECANCELED"));
        assertEquals(87, Errno.number(Os.NETBSD, "ECANCELED"));
        assertEquals(85, Errno.number(Os.FREEBSD, "ECANCELED"));
    }

    @Test
    @DisplayName("within each family no number has two names, so every name round-trips")
    void roundTrip() {
        for (Os os : Os.values()) {
            for (Map.Entry<String, Integer> e : Errno.numbers(os).entrySet()) {
                assertEquals(e.getKey(), Errno.name(os, e.getValue()), os + " " + e);
            }
        }
    }

    @Test
    @DisplayName("the host's constants are the host family's column")
    void hostColumn() {
        assertEquals(Errno.number(Os.host(), "ECONNRESET"), Errno.ECONNRESET);
        assertEquals(Errno.number(Os.host(), "EAGAIN"), Errno.EAGAIN);
        assertEquals("ECONNRESET", Errno.name(Errno.ECONNRESET));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Errno.number(Os.LINUX, "EFOO"));
        assertTrue(e.getMessage().contains("EFOO"), e.getMessage());
    }

    @Test
    @DisplayName("the Linux column equals the kernel's own headers (asm-generic/errno*.h), name by name")
    void linuxColumnMatchesHeaders() throws IOException {
        Path base = Path.of("/usr/include/asm-generic/errno-base.h");
        Path rest = Path.of("/usr/include/asm-generic/errno.h");
        assumeTrue(Os.host() == Os.LINUX && Files.exists(base) && Files.exists(rest), "needs the Linux kernel headers");
        Map<String, Integer> headers = new HashMap<>();
        Pattern define = Pattern.compile("(?m)^#define\\s+(E[A-Z0-9]+)\\s+(\\d+)\\b");
        for (Path file : new Path[] {base, rest}) {
            Matcher m = define.matcher(Files.readString(file));
            while (m.find()) {
                headers.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        assertFalse(headers.isEmpty());
        for (Map.Entry<String, Integer> e : Errno.numbers(Os.LINUX).entrySet()) {
            assertEquals(headers.get(e.getKey()), e.getValue(), e.getKey());
        }
    }
}
