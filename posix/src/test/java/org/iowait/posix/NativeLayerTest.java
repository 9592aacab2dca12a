package org.iowait.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Runs on every JVM the build tests with: JDK 17 (JNA), JDK 22+ forced to FFM, JDK 22+ forced to JNA. */
class NativeLayerTest {
    @Test
    @DisplayName("the layer is the one -Diowait.native asks for, else FFM on JDK 22+ and JNA below")
    void layerChoice() {
        String forced = System.getProperty(NativeLayer.PROPERTY, "");
        NativeLayer.Kind expected = !forced.isEmpty() ? NativeLayer.Kind.valueOf(forced.toUpperCase(java.util.Locale.ROOT))
                : Runtime.version().feature() >= NativeLayer.FFM_RELEASE ? NativeLayer.Kind.FFM : NativeLayer.Kind.JNA;
        assertEquals(expected, NativeLayer.kind(), NativeLayer.describe());
        assertEquals(expected == NativeLayer.Kind.FFM, NativeLayer.isFfm());
        assertTrue(NativeLayer.describe().startsWith("native layer " + expected.id() + ": "), NativeLayer.describe());
    }

    @Test
    @DisplayName("the libc binding and the native buffers come from the running layer")
    void bindingMatchesLayer() {
        String prefix = NativeLayer.isFfm() ? "Ffm" : "Jna";
        assertEquals(prefix + "PosixCalls", PosixCalls.CALLS.getClass().getSimpleName());
        try (NativeBuffer buffer = NativeBuffer.allocate(24)) {
            assertEquals(prefix + "Buffer", buffer.getClass().getSimpleName());
            assertEquals(24, buffer.size());
            assertEquals(0, buffer.address() % 8, "aligned for any struct");
            assertEquals(0L, buffer.view().getLong(16), "zeroed");
            assertEquals(java.nio.ByteOrder.nativeOrder(), buffer.view().order());
        }
    }

    @Test
    @DisplayName("errno is read on the failing thread, from the failing call")
    void errnoPerThread() throws Exception {
        int[] p = Posix.pipe(false);
        Posix.close(p[0]);
        Posix.close(p[1]);
        assertEquals(-1, PosixCalls.CALLS.close(p[0]));
        int[] other = new int[1];
        Thread thread = new Thread(() -> {
            PosixCalls.CALLS.fcntl(-5, Posix.F_GETFD);
            other[0] = Errno.lastErrno();
        });
        thread.start();
        thread.join();
        assertEquals(Errno.EBADF, other[0]);
        assertEquals(Errno.EBADF, Errno.lastErrno());
        assertEquals(-1, PosixCalls.CALLS.open("/nonexistent/iowait", 0, 0));
        assertEquals(Errno.ENOENT, Errno.lastErrno(), "the variadic open binding captures errno too");
    }

    @Test
    @DisplayName("a negative or oversized native buffer is refused with the size")
    void badBufferSize() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NativeBuffer.allocate(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    @DisplayName("the FFM layer never loads JNA's native library")
    void ffmWithoutJna() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NativeLayer.isFfm(), "the JNA layer runs");
        java.nio.file.Path maps = java.nio.file.Path.of("/proc/self/maps");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(maps), "no /proc/self/maps here");
        int[] p = Posix.pipe(true);
        try (Wakeup wakeup = Wakeup.open(); PollFdArray fds = new PollFdArray(4)) {
            wakeup.signal();
            wakeup.drain();
            Posix.write(p[1], new byte[] {1}, 0, 1);
            assertEquals(1, Posix.read(p[0], new byte[4], 0, 4));
        } finally {
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
        String loaded = java.nio.file.Files.readString(maps);
        assertTrue(!loaded.contains("jnidispatch"), "libjnidispatch is mapped although FFM runs");
    }

    @Test
    @DisplayName("-Diowait.native=ffm below JDK 22 and a bad value are refused with the reason; ffm on 22+ runs")
    void forcedLayers() throws Exception {
        String ffm = fresh("ffm");
        if (Runtime.version().feature() >= NativeLayer.FFM_RELEASE) {
            assertTrue(ffm.startsWith("ffm: forced by -Diowait.native=ffm"), ffm);
        } else {
            assertEquals("error: -Diowait.native=ffm cannot run here: JDK " + Runtime.version().feature()
                    + " has no final java.lang.foreign (JDK 22+ has)", ffm);
        }
        assertEquals("jna: forced by -Diowait.native=jna", fresh("JNA "));
        assertEquals("error: -Diowait.native must be 'jna' or 'ffm', not 'panama'", fresh("panama"));
    }

    /** @return what a fresh JVM with {@code -Diowait.native=value} says */
    private static String fresh(String value) throws Exception {
        Process process = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Diowait.native=" + value,
                "-cp", System.getProperty("java.class.path"), NativeLayerProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertEquals(0, process.waitFor(), out);
        return out.lines().filter(line -> !line.startsWith("WARNING")).reduce((a, b) -> b).orElse("");
    }
}
