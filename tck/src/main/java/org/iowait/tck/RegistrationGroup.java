package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.iowait.Selector.READ;
import static org.iowait.Selector.WRITE;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.iowait.ErrnoException;
import org.iowait.FileDescriptorSource;
import org.iowait.Mode;
import org.iowait.Ready;
import org.iowait.SelectorKey;
import org.iowait.posix.Posix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "registration": the key it returns, the objects accepted, and what is refused.
 * Runs as the nested class {@code SelectorTck.Registration}; the fixtures are in {@link TckGroup}.
 */
public abstract class RegistrationGroup extends TckGroup {
    @Test
    @DisplayName("register returns a key holding the object, its fd, the events, the attachment and LEVEL mode")
    void keyContents() throws IOException {
        int[] p = fx.pipe();
        Object attachment = new Object();
        SelectorKey key = selector.register(p[0], READ, attachment);
        assertEquals(new SelectorKey(p[0], p[0], READ, attachment, Mode.LEVEL), key);
        assertEquals(key, selector.getKey(p[0]));
        SelectorKey plain = selector.register(p[1], WRITE);
        assertEquals(null, plain.attachment());
        assertEquals(Mode.LEVEL, plain.mode());
    }

    @Test
    @DisplayName("an Integer fd, a FileDescriptorSource and a FileDescriptor are accepted")
    void plainFdObjects() throws IOException {
        int[] a = fx.pipe();
        int[] b = fx.pipe();
        FileDescriptorSource source = () -> a[1];
        assertEquals(a[0], selector.register(a[0], READ).fd());
        assertEquals(a[1], selector.register(source, WRITE).fd());
        FileInputStream in = fx.own(new FileInputStream(devFd(b[0])));
        FileDescriptor descriptor = in.getFD();
        assertTrue(selector.register(descriptor, READ).fd() >= 0);
        Fixtures.write(b[1], 1);
        Map<Integer, Integer> ev = events(2000);
        assertEquals(WRITE, ev.get(a[1]));
        assertEquals(READ, ev.get(selector.getKey(descriptor).fd()));
    }

    @Test
    @DisplayName("FileInputStream, FileOutputStream, RandomAccessFile and FileChannel over a pipe are accepted")
    void javaIoObjects() throws IOException {
        int[] p = fx.pipe();
        FileInputStream in = fx.own(new FileInputStream(devFd(p[0])));
        FileOutputStream out = fx.own(new FileOutputStream(devFd(p[1])));
        int[] q = fx.pipe();
        RandomAccessFile raf = fx.own(new RandomAccessFile(devFd(q[0]), "r"));
        int[] r = fx.pipe();
        FileInputStream viaChannel = fx.own(new FileInputStream(devFd(r[0])));
        selector.register(in, READ);
        selector.register(out, WRITE);
        selector.register(raf, READ);
        selector.register(viaChannel.getChannel(), READ);
        Fixtures.write(p[1], 1);
        Fixtures.write(q[1], 1);
        Fixtures.write(r[1], 1);
        Set<Object> ready = new HashSet<>();
        for (Ready x : selector.select(Tck.scaled(2000))) {
            ready.add(x.key().fileobj());
        }
        assertEquals(Set.of(in, out, raf, viaChannel.getChannel()), ready);
    }

    @Test
    @DisplayName("the JDK's SocketChannel, ServerSocketChannel, DatagramChannel and Pipe channels are accepted")
    void jdkChannels() throws IOException {
        SocketChannel[] tcp = fx.tcpPair();
        ServerSocketChannel server = fx.tcpServer();
        DatagramChannel datagram = fx.own(DatagramChannel.open());
        Pipe pipe = Pipe.open();
        fx.own(pipe.source());
        fx.own(pipe.sink());
        selector.register(tcp[0], WRITE, "tcp");
        selector.register(server, READ, "server");
        selector.register(datagram, WRITE, "datagram");
        selector.register(pipe.sink(), WRITE, "sink");
        selector.register(pipe.source(), READ, "source");
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        Set<Object> ready = new HashSet<>();
        for (Ready x : selector.select(Tck.scaled(2000))) {
            ready.add(x.key().attachment());
        }
        assertEquals(Set.of("tcp", "datagram", "sink", "source"), ready);
    }

    @Test
    @DisplayName("events of 0 or with bits outside READ|WRITE are refused with IllegalArgumentException")
    void badEvents() throws IOException {
        int[] p = fx.pipe();
        for (int events : new int[] {0, 4, -1, READ | 8, Integer.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> selector.register(p[0], events));
            assertTrue(e.getMessage().contains(String.valueOf(events)), e.getMessage());
        }
        assertTrue(selector.keys().isEmpty());
    }

    @Test
    @DisplayName("a negative fd is refused with IllegalArgumentException")
    void negativeFd() {
        assertThrows(IllegalArgumentException.class, () -> selector.register(-1, READ));
        assertThrows(IllegalArgumentException.class, () -> selector.register((FileDescriptorSource) () -> -5, READ));
        assertThrows(IllegalArgumentException.class, () -> selector.register(new FileDescriptor(), READ));
        assertTrue(selector.keys().isEmpty());
    }

    @Test
    @DisplayName("null file objects and null modes are refused with NullPointerException")
    void nulls() throws IOException {
        int[] p = fx.pipe();
        assertThrows(NullPointerException.class, () -> selector.register(null, READ));
        assertThrows(NullPointerException.class, () -> selector.register(p[0], READ, null, null));
        assertThrows(NullPointerException.class, () -> selector.getKey(null));
        assertThrows(NullPointerException.class, () -> selector.unregister(null));
        assertTrue(selector.keys().isEmpty());
    }

    @Test
    @DisplayName("an unsupported object type is refused with IllegalArgumentException naming the accepted types")
    void unsupportedType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> selector.register("not a file", READ));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
        assertTrue(e.getMessage().contains("FileDescriptorSource"), e.getMessage());
    }

    @Test
    @DisplayName("an fd registered twice, through the same or another object, is refused and the key kept")
    void registeredTwice() throws IOException {
        Pipe pipe = Pipe.open();
        fx.own(pipe.source());
        fx.own(pipe.sink());
        SelectorKey key = selector.register(pipe.source(), READ, "first");
        assertThrows(IllegalArgumentException.class, () -> selector.register(pipe.source(), READ));
        assertThrows(IllegalArgumentException.class, () -> selector.register(key.fd(), WRITE));
        assertThrows(IllegalArgumentException.class,
                () -> selector.register((FileDescriptorSource) key::fd, READ));
        assertEquals(key, selector.getKey(pipe.source()));
        assertEquals(1, selector.keys().size());
    }

    @Test
    @DisplayName("registering a closed fd fails with ErrnoException naming the fd and EBADF, and adds no key")
    void closedFd() throws IOException {
        int fd = Fixtures.closedFd();
        ErrnoException e = assertThrows(ErrnoException.class, () -> selector.register(fd, READ));
        assertEquals("EBADF", e.errnoName());
        assertTrue(e.getMessage().contains("fd=" + fd), e.getMessage());
        assertTrue(e.getMessage().contains("EBADF ("), e.getMessage());
        assertTrue(selector.keys().isEmpty());
        assertThrows(NoSuchElementException.class, () -> selector.getKey(fd));
    }

    @Test
    @DisplayName("a regular file is either watched and reported ready, or refused with ErrnoException leaving no key")
    void regularFile() throws IOException {
        RandomAccessFile file = fx.own(new RandomAccessFile(fx.regularFile().toFile(), "r"));
        try {
            selector.register(file, READ);
        } catch (ErrnoException refused) {
            assertTrue(selector.keys().isEmpty(), "no key after a refusal");
            return;
        }
        assertEquals(READ, byFd(select(Tck.scaledMillis(2000))).get(selector.getKey(file).fd()));
    }

    @Test
    @DisplayName("a pseudo-terminal master is reported readable after its slave writes")
    void pty() throws IOException {
        int[] pty = fx.pty();
        selector.register(pty[0], READ);
        assertTrue(selector.selectNow().isEmpty(), "nothing to read yet");
        Posix.write(pty[1], "hello\n".getBytes(), 0, 6);
        assertEquals(READ, events(2000).get(pty[0]));
    }

    @Test
    @DisplayName("keys() is a live read-only view keyed by fd")
    void keysView() throws IOException {
        int[] p = fx.pipe();
        Map<Integer, SelectorKey> keys = selector.keys();
        assertTrue(keys.isEmpty());
        SelectorKey key = selector.register(p[0], READ);
        assertEquals(Map.of(p[0], key), Map.copyOf(keys));
        assertTrue(keys.containsKey(p[0]));
        assertSame(key, keys.get(p[0]));
        assertThrows(UnsupportedOperationException.class, () -> keys.put(p[1], key));
        assertThrows(UnsupportedOperationException.class, () -> keys.remove(p[0]));
        assertThrows(UnsupportedOperationException.class, keys::clear);
        selector.unregister(p[0]);
        assertTrue(keys.isEmpty());
    }

    @Test
    @DisplayName("getKey of an fd that is not registered throws NoSuchElementException")
    void getKeyUnknown() throws IOException {
        int[] p = fx.pipe();
        assertThrows(NoSuchElementException.class, () -> selector.getKey(p[0]));
        selector.register(p[0], READ);
        assertThrows(NoSuchElementException.class, () -> selector.getKey(p[1]));
    }

    @Test
    @DisplayName("each supported mode registers; each unsupported one throws UnsupportedOperationException")
    void modes() throws IOException {
        assertEquals(provider().modes(), selector.modes());
        assertTrue(selector.modes().contains(Mode.LEVEL), "LEVEL is supported everywhere");
        for (Mode mode : Mode.values()) {
            int[] p = fx.pipe();
            if (selector.modes().contains(mode)) {
                assertEquals(mode, selector.register(p[0], READ, null, mode).mode());
            } else {
                assertThrows(UnsupportedOperationException.class, () -> selector.register(p[0], READ, null, mode));
                assertThrows(NoSuchElementException.class, () -> selector.getKey(p[0]));
            }
        }
    }

    private String devFd(int fd) {
        return (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/fd")) ? "/proc/self/fd/" : "/dev/fd/") + fd;
    }
}
