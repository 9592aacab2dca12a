package org.iowait.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.iowait.Selector.READ;
import static org.iowait.Selector.WRITE;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.iowait.ErrnoException;
import org.iowait.FileDescriptorSource;
import org.iowait.Mode;
import org.iowait.Ready;
import org.iowait.Selector;
import org.iowait.SelectorKey;
import org.iowait.posix.Posix;
import org.iowait.spi.SelectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The compatibility kit: every rule of the selector contract, checked against real fds and the real kernel. Extend it
 * once per backend (and once per configuration, e.g. per ABI):
 *
 * <pre>{@code
 * class MySelectorTckTest extends SelectorTck {
 *     @Override protected SelectorProvider provider() { return new MyProvider(); }
 * }
 * }</pre>
 *
 * <p>Tests for optional modes run only where {@code provider().modes()} has them; a mode the provider lacks must be
 * refused with {@link UnsupportedOperationException}, and that is tested. {@code -Diowait.tck.timeoutFactor=N}
 * stretches every wait for slow or emulated machines.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class SelectorTck {
    /** @return the provider under test; called once per test */
    protected abstract SelectorProvider provider();

    protected Selector selector;
    Fixtures fx;

    @BeforeEach
    void openSelector() throws IOException {
        SelectorProvider provider = provider();
        assumeTrue(provider.isAvailable(), () -> provider.name() + " is unavailable here: "
                + provider.unavailabilityCause().map(Throwable::toString).orElse("no reason"));
        fx = new Fixtures();
        selector = provider.open();
    }

    @AfterEach
    void closeSelector() throws IOException {
        if (selector != null) {
            selector.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    List<Ready> select(long millis) throws IOException {
        return selector.select(Duration.ofMillis(millis));
    }

    /** Waits (scaled) for readiness and returns the events per fd; every fd must appear at most once. */
    Map<Integer, Integer> events(long millis) throws IOException {
        return byFd(selector.select(Tck.scaled(millis)));
    }

    static Map<Integer, Integer> byFd(List<Ready> ready) {
        Map<Integer, Integer> events = new HashMap<>();
        for (Ready r : ready) {
            Integer previous = events.put(r.key().fd(), r.events());
            assertEquals(null, previous, "fd " + r.key().fd() + " appeared twice in one select: " + ready);
            assertTrue(r.events() != 0 && (r.events() & ~(READ | WRITE)) == 0, "events are READ/WRITE bits: " + r);
            assertEquals(0, r.events() & ~r.key().events(), "events are masked by the key's interest: " + r);
        }
        return events;
    }

    boolean supports(Mode mode) {
        return provider().modes().contains(mode);
    }

    static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Runs {@code body} in another thread after {@code delayMillis}. */
    static Thread later(long delayMillis, ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            Tck.sleep(delayMillis);
            try {
                body.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "tck-later");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ================================================================== groups

    @Nested
    @DisplayName("registration")
    class Registration {
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

    @Nested
    @DisplayName("packaging")
    class Packaging {
        @Test
        @DisplayName("the provider is listed in META-INF/services and, when the jar is a module, provided by module-info")
        void registeredBothWays() throws Exception {
            Class<?> type = provider().getClass();
            java.net.URL location = type.getProtectionDomain().getCodeSource().getLocation();
            java.nio.file.Path root = java.nio.file.Path.of(location.toURI());
            String service = org.iowait.spi.SelectorProvider.class.getName();
            try (java.nio.file.FileSystem jar = java.nio.file.Files.isDirectory(root) ? null
                    : java.nio.file.FileSystems.newFileSystem(root)) {
                java.nio.file.Path base = jar == null ? root : jar.getPath("/");
                java.nio.file.Path services = base.resolve("META-INF/services/" + service);
                assertTrue(java.nio.file.Files.exists(services), "missing " + services);
                List<String> listed = java.nio.file.Files.readAllLines(services).stream().map(String::trim)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
                assertTrue(listed.contains(type.getName()), services + " lists " + listed);
                java.nio.file.Path moduleInfo = base.resolve("module-info.class");
                assumeTrue(java.nio.file.Files.exists(moduleInfo), "not packaged as a module (e.g. a shaded jar)");
                java.lang.module.ModuleDescriptor descriptor;
                try (var in = java.nio.file.Files.newInputStream(moduleInfo)) {
                    descriptor = java.lang.module.ModuleDescriptor.read(in);
                }
                assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(service)
                        && p.providers().contains(type.getName())), descriptor.name() + " provides " + descriptor.provides());
            }
        }
    }

    @Nested
    @DisplayName("modify")
    class Modify {
        @Test
        @DisplayName("modify(fileobj, events) changes the events and keeps the attachment, mode and object")
        void changesEvents() throws IOException {
            int[] s = fx.socketpair();
            Object attachment = "a";
            selector.register(s[0], READ, attachment);
            assertTrue(selector.selectNow().isEmpty(), "nothing readable");
            SelectorKey key = selector.modify(s[0], WRITE);
            assertEquals(new SelectorKey(s[0], s[0], WRITE, attachment, Mode.LEVEL), key);
            assertEquals(key, selector.getKey(s[0]));
            assertEquals(Map.of(s[0], WRITE), events(2000));
        }

        @Test
        @DisplayName("modify(fileobj, events, attachment) replaces the attachment")
        void changesAttachment() throws IOException {
            int[] s = fx.socketpair();
            selector.register(s[0], READ, "old");
            SelectorKey key = selector.modify(s[0], READ | WRITE, "new");
            assertEquals("new", key.attachment());
            assertEquals("new", selector.select(Tck.scaled(2000)).get(0).key().attachment());
        }

        @Test
        @DisplayName("a modify that changes only the attachment keeps readiness as it was")
        void attachmentOnly() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ, "old");
            Fixtures.write(p[1], 1);
            assertEquals(1, select(Tck.scaledMillis(2000)).size());
            SelectorKey key = selector.modify(p[0], READ, "new");
            assertEquals(READ, key.events());
            List<Ready> ready = select(Tck.scaledMillis(2000));
            assertEquals(1, ready.size(), "level-triggered readiness survives an attachment change");
            assertEquals("new", ready.get(0).key().attachment());
        }

        @Test
        @DisplayName("modify of an fd that is not registered throws NoSuchElementException")
        void unknown() throws IOException {
            int[] p = fx.pipe();
            assertThrows(NoSuchElementException.class, () -> selector.modify(p[0], READ));
            assertThrows(NoSuchElementException.class, () -> selector.modify(p[0], READ, "x"));
            assertTrue(selector.keys().isEmpty());
        }

        @Test
        @DisplayName("modify with bad events throws IllegalArgumentException and leaves the key unchanged")
        void badEvents() throws IOException {
            int[] p = fx.pipe();
            SelectorKey key = selector.register(p[0], READ, "a");
            assertThrows(IllegalArgumentException.class, () -> selector.modify(p[0], 0));
            assertThrows(IllegalArgumentException.class, () -> selector.modify(p[0], 4, "b"));
            assertEquals(key, selector.getKey(p[0]));
        }

        @Test
        @DisplayName("modify through another object for the same fd keeps the registered object")
        void otherObjectSameFd() throws IOException {
            SocketChannel[] tcp = fx.tcpPair();
            SelectorKey key = selector.register(tcp[0], READ);
            SelectorKey changed = selector.modify(key.fd(), WRITE);
            assertSame(tcp[0], changed.fileobj());
            assertSame(tcp[0], selector.select(Tck.scaled(2000)).get(0).key().fileobj());
        }

        @Test
        @DisplayName("modify from READ to WRITE stops read reports and starts write reports")
        void readToWrite() throws IOException {
            int[] s = fx.socketpair();
            Fixtures.write(s[1], 10);
            selector.register(s[0], READ);
            assertEquals(Map.of(s[0], READ), events(2000));
            selector.modify(s[0], WRITE);
            assertEquals(Map.of(s[0], WRITE), events(2000));
            selector.modify(s[0], READ | WRITE);
            assertEquals(Map.of(s[0], READ | WRITE), events(2000));
        }
    }

    @Nested
    @DisplayName("unregister")
    class Unregister {
        @Test
        @DisplayName("unregister returns the key and removes it")
        void returnsKey() throws IOException {
            int[] p = fx.pipe();
            SelectorKey key = selector.register(p[0], READ, "a");
            assertEquals(key, selector.unregister(p[0]));
            assertTrue(selector.keys().isEmpty());
            assertThrows(NoSuchElementException.class, () -> selector.getKey(p[0]));
        }

        @Test
        @DisplayName("unregister of an fd that is not registered (or twice) throws NoSuchElementException")
        void unknown() throws IOException {
            int[] p = fx.pipe();
            assertThrows(NoSuchElementException.class, () -> selector.unregister(p[0]));
            selector.register(p[0], READ);
            selector.unregister(p[0]);
            assertThrows(NoSuchElementException.class, () -> selector.unregister(p[0]));
        }

        @Test
        @DisplayName("an unregistered fd is no longer reported")
        void notReported() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            Fixtures.write(p[1], 1);
            selector.unregister(p[0]);
            assertTrue(select(Tck.scaledMillis(100)).isEmpty());
        }

        @Test
        @DisplayName("unregister of an fd that was closed succeeds and returns the key")
        void closedFd() throws IOException {
            int[] p = fx.pipe();
            SelectorKey key = selector.register(p[0], READ);
            fx.closeNow(p[0]);
            assertEquals(key, selector.unregister(p[0]));
            assertTrue(selector.keys().isEmpty());
        }

        @Test
        @DisplayName("unregister of an fd closed and its number reused succeeds, and the new file can be registered")
        void reusedFd() throws IOException {
            int[] p = fx.pipe();
            int[] other = fx.pipe();
            SelectorKey key = selector.register(p[0], READ);
            Posix.dup2(other[0], p[0]); // closes the registered file and reuses its number for another pipe
            assertEquals(key, selector.unregister(p[0]));
            selector.register(p[0], READ);
            Fixtures.write(other[1], 1);
            assertEquals(Map.of(p[0], READ), events(2000));
        }

        @Test
        @DisplayName("unregister of a closed JDK channel by the channel object succeeds")
        void closedChannel() throws IOException {
            SocketChannel[] tcp = fx.tcpPair();
            SelectorKey key = selector.register(tcp[0], READ);
            tcp[0].close();
            assertEquals(key, selector.unregister(tcp[0]));
            assertTrue(selector.keys().isEmpty());
        }

        @Test
        @DisplayName("unregister through another object for the same fd returns the original key")
        void otherObject() throws IOException {
            SocketChannel[] tcp = fx.tcpPair();
            SelectorKey key = selector.register(tcp[0], READ);
            assertSame(tcp[0], selector.unregister(key.fd()).fileobj());
        }
    }

    @Nested
    @DisplayName("virtual threads")
    class VirtualThreads extends VirtualThreadsGroup {
        @Override
        protected SelectorProvider provider() {
            return SelectorTck.this.provider();
        }
    }

    @Nested
    @DisplayName("select and timeouts")
    class SelectAndTimeouts {
        @Test
        @DisplayName("selectNow with nothing ready returns an empty list at once")
        void selectNowEmpty() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            long start = System.nanoTime();
            assertTrue(selector.selectNow().isEmpty());
            assertTrue(elapsedMillis(start) < Tck.scaledMillis(1000));
        }

        @Test
        @DisplayName("a zero or negative timeout polls without blocking")
        void zeroAndNegative() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            long start = System.nanoTime();
            assertTrue(selector.select(Duration.ZERO).isEmpty());
            assertTrue(selector.select(Duration.ofSeconds(-5)).isEmpty());
            assertTrue(elapsedMillis(start) < Tck.scaledMillis(1000));
            Fixtures.write(p[1], 1);
            assertEquals(1, selector.select(Duration.ofMillis(-1)).size());
        }

        @Test
        @DisplayName("a timeout with nothing ready is waited out, never returning early")
        void notEarly() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            for (long millis : new long[] {50, 120, 300}) {
                long start = System.nanoTime();
                assertTrue(select(millis).isEmpty());
                assertTrue(System.nanoTime() - start >= millis * 1_000_000, "returned before " + millis + " ms");
            }
        }

        @Test
        @DisplayName("sub-millisecond timeouts are rounded up, not down to a busy poll")
        void roundUp() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            for (Duration timeout : new Duration[] {Duration.ofNanos(1), Duration.ofNanos(999_999), Duration.ofNanos(1_500_000)}) {
                long start = System.nanoTime();
                assertTrue(selector.select(timeout).isEmpty());
                assertTrue(System.nanoTime() - start >= timeout.toNanos(), "returned before " + timeout);
            }
        }

        @Test
        @DisplayName("a timeout with no registrations at all is still waited out")
        void emptySelector() throws IOException {
            long start = System.nanoTime();
            assertTrue(select(100).isEmpty());
            assertTrue(elapsedMillis(start) >= 100);
        }

        @Test
        @DisplayName("huge timeouts are clamped without overflow")
        void hugeTimeouts() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            Fixtures.write(p[1], 1);
            for (Duration timeout : new Duration[] {Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                    Duration.ofDays(365L * 10_000), Duration.ofMillis(Integer.MAX_VALUE + 1L), Duration.ofNanos(Long.MAX_VALUE)}) {
                assertEquals(1, selector.select(timeout).size(), "ready fd reported with timeout " + timeout);
            }
        }

        @Test
        @DisplayName("select(null) blocks until an fd becomes ready")
        void blocksUntilReady() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            long start = System.nanoTime();
            later(200, () -> Fixtures.write(p[1], 1));
            List<Ready> ready = selector.select((Duration) null);
            assertEquals(1, ready.size());
            assertTrue(elapsedMillis(start) >= 150, "it blocked until the write");
        }

        @Test
        @DisplayName("a timed select returns as soon as an fd becomes ready")
        void returnsWhenReady() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            later(100, () -> Fixtures.write(p[1], 1));
            long start = System.nanoTime();
            assertEquals(1, select(Tck.scaledMillis(10_000)).size());
            assertTrue(elapsedMillis(start) < Tck.scaledMillis(5_000));
        }

        @Test
        @DisplayName("the ReadyHandler path hands each ready key to the handler and returns the count")
        void handlerPath() throws IOException {
            int[] a = fx.pipe();
            int[] b = fx.pipe();
            selector.register(a[0], READ, "a");
            selector.register(b[0], READ, "b");
            Fixtures.write(a[1], 1);
            Fixtures.write(b[1], 1);
            List<Object> seen = new ArrayList<>();
            int n = selector.select(Tck.scaled(2000), (key, events) -> {
                assertEquals(READ, events);
                seen.add(key.attachment());
            });
            if (n < 2) { // two fds may become ready in two kernel waits on a loaded machine
                n += selector.select(Tck.scaled(2000), (key, events) -> seen.add(key.attachment()));
            }
            assertEquals(2, n);
            assertEquals(Set.of("a", "b"), new HashSet<>(seen));
        }

        @Test
        @DisplayName("an exception thrown by the ReadyHandler propagates out of select")
        void handlerException() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            Fixtures.write(p[1], 1);
            IOException boom = new IOException("boom");
            assertSame(boom, assertThrows(IOException.class,
                    () -> selector.select(Tck.scaled(2000), (key, events) -> {
                        throw boom;
                    })));
            assertEquals(1, select(Tck.scaledMillis(2000)).size(), "the selector still works afterwards");
        }

        @Test
        @DisplayName("select called from inside a ReadyHandler throws IllegalStateException")
        void reentrantSelect() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            Fixtures.write(p[1], 1);
            AtomicReference<Throwable> inner = new AtomicReference<>();
            selector.select(Tck.scaled(2000), (key, events) -> {
                try {
                    selector.selectNow();
                } catch (Throwable e) {
                    inner.set(e);
                }
            });
            assertTrue(inner.get() instanceof IllegalStateException, "got " + inner.get());
        }

        @Test
        @DisplayName("a null handler is refused with NullPointerException")
        void nullHandler() {
            assertThrows(NullPointerException.class, () -> selector.select(Duration.ZERO, null));
        }

        @Test
        @DisplayName("a signal interrupting the selecting thread (EINTR) neither throws nor shortens the timeout")
        void eintr() throws Exception {
            TckNative.installInterruptingHandler();
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            AtomicLong tid = new AtomicLong();
            CountDownLatch started = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<long[]> result = pool.submit(() -> {
                    tid.set(TckNative.currentThread());
                    started.countDown();
                    long start = System.nanoTime();
                    int n = selector.select(Duration.ofMillis(1500)).size();
                    return new long[] {n, System.nanoTime() - start};
                });
                started.await();
                for (int i = 0; i < 5; i++) {
                    Tck.sleep(200);
                    TckNative.interrupt(tid.get());
                }
                long[] outcome = result.get(Tck.scaledMillis(20_000), TimeUnit.MILLISECONDS);
                assertEquals(0, outcome[0], "nothing was ready");
                assertTrue(outcome[1] >= 1_500_000_000L, "returned after " + outcome[1] / 1_000_000 + " ms");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    @DisplayName("readiness mapping")
    class Readiness {
        @Test
        @DisplayName("a pipe's read end is readable after a write and not before")
        void pipeRead() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            assertTrue(selector.selectNow().isEmpty());
            Fixtures.write(p[1], 3);
            assertEquals(Map.of(p[0], READ), events(2000));
        }

        @Test
        @DisplayName("a pipe's write end is writable")
        void pipeWrite() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[1], WRITE);
            assertEquals(Map.of(p[1], WRITE), events(2000));
        }

        @Test
        @DisplayName("a full pipe is not writable, and becomes writable when drained")
        void fullPipe() throws IOException {
            int[] p = fx.pipe();
            byte[] chunk = new byte[65536];
            while (Posix.write(p[1], chunk, 0, chunk.length) != Posix.WOULD_BLOCK) {
                // fill it
            }
            selector.register(p[1], WRITE);
            assertTrue(select(100).isEmpty(), "a full pipe is not writable");
            while (Fixtures.read(p[0], 65536) > 0) {
                // drain it
            }
            assertEquals(Map.of(p[1], WRITE), events(2000));
        }

        @Test
        @DisplayName("each ready fd appears once, with read and write merged, masked by the key's events")
        void mergedAndMasked() throws IOException {
            int[] s = fx.socketpair();
            int[] t = fx.socketpair();
            Fixtures.write(s[1], 1);
            Fixtures.write(t[1], 1);
            selector.register(s[0], READ | WRITE);
            selector.register(t[0], READ);
            Map<Integer, Integer> ev = events(2000);
            assertEquals(READ | WRITE, ev.get(s[0]));
            assertEquals(READ, ev.get(t[0]));
        }

        @Test
        @DisplayName("readiness is level-triggered: unread data is reported again, drained data is not")
        void levelTriggered() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            Fixtures.write(p[1], 10);
            for (int i = 0; i < 3; i++) {
                assertEquals(Map.of(p[0], READ), events(2000));
            }
            Fixtures.read(p[0], 5);
            assertEquals(Map.of(p[0], READ), events(2000));
            Fixtures.read(p[0], 5);
            assertTrue(select(50).isEmpty());
        }

        @Test
        @DisplayName("a pipe whose writer closed is reported readable (hang-up counts as READ)")
        void hangUpRead() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            fx.closeNow(p[1]);
            assertEquals(Map.of(p[0], READ), events(2000));
            assertEquals(0, Fixtures.read(p[0], 1), "end of stream");
        }

        @Test
        @DisplayName("a pipe whose reader closed is reported writable (the error counts as WRITE)")
        void errorWrite() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[1], WRITE);
            fx.closeNow(p[0]);
            assertEquals(Map.of(p[1], WRITE), events(2000));
        }

        @Test
        @DisplayName("a socket whose peer closed is reported READ|WRITE when both are asked for")
        void peerClosed() throws IOException {
            int[] s = fx.socketpair();
            selector.register(s[0], READ | WRITE);
            fx.closeNow(s[1]);
            assertEquals(Map.of(s[0], READ | WRITE), events(2000));
        }

        @Test
        @DisplayName("a listening TCP socket is readable when a client connects")
        void tcpAccept() throws IOException {
            ServerSocketChannel server = fx.tcpServer();
            selector.register(server, READ);
            assertTrue(selector.selectNow().isEmpty());
            fx.own(SocketChannel.open(server.getLocalAddress()));
            assertEquals(READ, events(2000).values().iterator().next());
        }

        @Test
        @DisplayName("a TCP connection on loopback is writable, and readable once the peer writes")
        void tcpReadWrite() throws IOException {
            SocketChannel[] tcp = fx.tcpPair();
            SelectorKey key = selector.register(tcp[0], READ | WRITE);
            assertEquals(Map.of(key.fd(), WRITE), events(2000));
            Fixtures.write(tcp[1], 5);
            assertEquals(Map.of(key.fd(), READ | WRITE), events(2000));
        }

        @Test
        @DisplayName("a Unix-domain connection is readable once the peer writes")
        void unixDomain() throws IOException {
            SocketChannel[] unix = fx.unixPair();
            SelectorKey key = selector.register(unix[0], READ);
            assertTrue(selector.selectNow().isEmpty());
            Fixtures.write(unix[1], 5);
            assertEquals(Map.of(key.fd(), READ), events(2000));
        }

        @Test
        @DisplayName("a registered fd that was closed does not make later selects fail; other fds still report")
        void closedRegisteredFd() throws IOException {
            int[] stale = fx.pipe();
            int[] live = fx.pipe();
            selector.register(stale[0], READ);
            selector.register(live[0], READ);
            fx.closeNow(stale[0]);
            Fixtures.write(live[1], 1);
            for (int i = 0; i < 3; i++) {
                Map<Integer, Integer> ev = events(2000);
                assertEquals(READ, ev.get(live[0]), "the live fd still reports");
                Integer staleEvents = ev.get(stale[0]);
                assertTrue(staleEvents == null || staleEvents == READ, "a closed fd reports READ or nothing");
            }
            selector.unregister(stale[0]);
            assertEquals(Map.of(live[0], READ), events(2000));
        }
    }

    @Nested
    @DisplayName("wakeup")
    class Wakeup {
        @Test
        @DisplayName("wakeup from another thread makes a blocked select return promptly and empty")
        void wakesBlockedSelect() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            later(200, selector::wakeup);
            long start = System.nanoTime();
            assertTrue(selector.select((Duration) null).isEmpty());
            assertTrue(elapsedMillis(start) < Tck.scaledMillis(5000));
        }

        @Test
        @DisplayName("a wakeup issued before select makes that select return at once")
        void wakeupBefore() throws IOException {
            selector.wakeup();
            long start = System.nanoTime();
            assertTrue(select(Tck.scaledMillis(10_000)).isEmpty());
            assertTrue(elapsedMillis(start) < Tck.scaledMillis(2000));
        }

        @Test
        @DisplayName("many wakeups coalesce: one select returns early, the next waits its timeout")
        void coalesce() throws IOException {
            for (int i = 0; i < 1000; i++) {
                selector.wakeup();
            }
            long start = System.nanoTime();
            assertTrue(select(Tck.scaledMillis(10_000)).isEmpty());
            assertTrue(elapsedMillis(start) < Tck.scaledMillis(2000));
            start = System.nanoTime();
            assertTrue(select(200).isEmpty());
            assertTrue(elapsedMillis(start) >= 200, "the wakeups were consumed by one select");
        }

        @Test
        @DisplayName("wakeup never blocks the caller, however many are issued without a select")
        void neverBlocks() {
            long start = System.nanoTime();
            for (int i = 0; i < 200_000; i++) {
                selector.wakeup();
            }
            assertTrue(elapsedMillis(start) < Tck.scaledMillis(10_000));
        }

        @Test
        @DisplayName("a wakeup does not hide readiness that is due")
        void keepsEvents() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            Fixtures.write(p[1], 1);
            selector.wakeup();
            List<Ready> first = select(Tck.scaledMillis(2000));
            if (first.isEmpty()) { // the wakeup may win the race; the data is still there
                first = select(Tck.scaledMillis(2000));
            }
            assertEquals(1, first.size());
        }

        @Test
        @DisplayName("wakeup is safe from many threads at once")
        void concurrentWakeups() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 10_000; i++) {
                            selector.wakeup();
                        }
                    }));
                }
                for (int i = 0; i < 50; i++) {
                    select(5);
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            select(0);
            long start = System.nanoTime();
            select(0);
            assertTrue(select(100).isEmpty());
            assertTrue(elapsedMillis(start) >= 100, "a stale wakeup is absorbed, not reported as an early return");
        }
    }

    @Nested
    @DisplayName("concurrency")
    class Concurrency {
        @Test
        @DisplayName("a second thread calling select while one selects gets IllegalStateException")
        void secondSelector() throws Exception {
            CountDownLatch inSelect = new CountDownLatch(1);
            Thread blocked = new Thread(() -> {
                try {
                    inSelect.countDown();
                    selector.select(Tck.scaled(3000));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            blocked.start();
            inSelect.await();
            Tck.sleep(300);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> selector.selectNow());
            assertNotNull(e.getMessage());
            selector.wakeup();
            blocked.join();
        }

        @Test
        @DisplayName("register from another thread takes effect in a select already blocked, without a wakeup")
        void registerWhileBlocked() throws IOException {
            int[] p = fx.pipe();
            Fixtures.write(p[1], 1);
            later(300, () -> selector.register(p[0], READ));
            long start = System.nanoTime();
            assertEquals(1, select(Tck.scaledMillis(10_000)).size());
            assertTrue(elapsedMillis(start) < Tck.scaledMillis(5000), "took " + elapsedMillis(start) + " ms");
        }

        @Test
        @DisplayName("modify from another thread takes effect in a select already blocked")
        void modifyWhileBlocked() throws IOException {
            int[] s = fx.socketpair();
            selector.register(s[0], READ);
            later(300, () -> selector.modify(s[0], WRITE));
            long start = System.nanoTime();
            assertEquals(Map.of(s[0], WRITE), byFd(select(Tck.scaledMillis(10_000))));
            assertTrue(elapsedMillis(start) < Tck.scaledMillis(5000), "took " + elapsedMillis(start) + " ms");
        }

        @Test
        @DisplayName("unregister from another thread takes effect in a select already blocked")
        void unregisterWhileBlocked() throws Exception {
            int[] a = fx.pipe();
            int[] b = fx.pipe();
            selector.register(a[0], READ);
            selector.register(b[0], READ);
            Thread t = later(200, () -> {
                selector.unregister(a[0]);
                Fixtures.write(a[1], 1);
                Tck.sleep(200);
                Fixtures.write(b[1], 1);
            });
            Map<Integer, Integer> ev = byFd(select(Tck.scaledMillis(10_000)));
            t.join();
            if (ev.isEmpty()) {
                ev = byFd(select(Tck.scaledMillis(2000)));
            }
            assertFalse(ev.containsKey(a[0]), "an unregistered fd is never reported: " + ev);
            assertEquals(READ, byFd(select(Tck.scaledMillis(2000))).get(b[0]));
        }

        @Test
        @DisplayName("close from another thread ends a blocked select with ClosedSelectorException or a return")
        void closeWhileBlocked() throws Exception {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            later(200, selector::close);
            long start = System.nanoTime();
            try {
                selector.select((Duration) null);
            } catch (ClosedSelectorException expected) {
                // either outcome is allowed
            }
            assertTrue(elapsedMillis(start) < Tck.scaledMillis(5000));
            assertFalse(selector.isOpen());
        }

        @Test
        @DisplayName("closing while another thread selects, 1,000 times: no crash, no hang, no fd leak")
        void closeRace() throws Exception {
            int[] p = fx.pipe();
            long before = Tck.openFds();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                for (int i = 0; i < 1000; i++) {
                    Selector s = provider().open();
                    s.register(p[0], READ);
                    CountDownLatch go = new CountDownLatch(1);
                    Future<?> selecting = pool.submit(() -> {
                        go.countDown();
                        try {
                            s.select(Duration.ofSeconds(30));
                        } catch (ClosedSelectorException expected) {
                            // the close won
                        }
                        return null;
                    });
                    go.await();
                    if (i % 2 == 0) {
                        Thread.yield();
                    }
                    s.close();
                    selecting.get(Tck.scaledMillis(10_000), TimeUnit.MILLISECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(before, Tck.openFds(), "fds open before and after");
        }

        @Test
        @DisplayName("stress: 8 threads register, modify, unregister and wake while one thread selects; all due readiness is reported")
        void stress() throws Exception {
            int workers = 8;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            ConcurrentHashMap<Integer, Boolean> due = new ConcurrentHashMap<>(); // fds written and registered READ
            Set<Integer> seen = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread selecting = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        selector.select(Duration.ofMillis(20), (key, events) -> seen.add(key.fd()));
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "tck-selecting");
            selecting.start();
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            List<int[]> kept = new ArrayList<>();
            try {
                List<Future<List<int[]>>> futures = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    long seed = w;
                    futures.add(pool.submit(() -> {
                        Random random = new Random(seed);
                        List<int[]> keep = new ArrayList<>();
                        while (System.nanoTime() < deadline) {
                            int[] p = Posix.pipe(true);
                            selector.register(p[0], random.nextBoolean() ? READ : WRITE);
                            switch (random.nextInt(4)) {
                                case 0 -> selector.wakeup();
                                case 1 -> selector.modify(p[0], READ);
                                default -> { }
                            }
                            if (random.nextInt(3) == 0 || keep.size() >= 20) {
                                selector.unregister(p[0]);
                                Posix.close(p[0]);
                                Posix.close(p[1]);
                            } else {
                                selector.modify(p[0], READ, "due");
                                Fixtures.write(p[1], 1);
                                due.put(p[0], Boolean.TRUE);
                                keep.add(p);
                            }
                        }
                        return keep;
                    }));
                }
                for (Future<List<int[]>> f : futures) {
                    kept.addAll(f.get(Tck.scaledMillis(60_000), TimeUnit.MILLISECONDS));
                }
                long until = System.nanoTime() + Tck.scaled(5000).toNanos();
                while (!seen.containsAll(due.keySet()) && System.nanoTime() < until) {
                    Tck.sleep(20);
                }
            } finally {
                stop.set(true);
                selector.wakeup();
                selecting.join();
                pool.shutdownNow();
                for (int[] p : kept) {
                    Posix.closeQuietly(p[0]);
                    Posix.closeQuietly(p[1]);
                }
            }
            if (failure.get() != null) {
                throw new AssertionError("the selecting thread failed", failure.get());
            }
            Set<Integer> missing = new HashSet<>(due.keySet());
            missing.removeAll(seen);
            assertTrue(missing.isEmpty(), "due readiness never reported for fds " + missing);
            assertTrue(due.size() > 10, "the stress did real work: " + due.size());
        }
    }

    @Nested
    @DisplayName("close and lifecycle")
    class Lifecycle {
        @Test
        @DisplayName("after close every method but close, isOpen and backend throws ClosedSelectorException")
        void closedRefusesEverything() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            selector.close();
            assertFalse(selector.isOpen());
            assertEquals(provider().name(), selector.backend());
            assertThrows(ClosedSelectorException.class, () -> selector.register(p[1], WRITE));
            assertThrows(ClosedSelectorException.class, () -> selector.register(p[1], WRITE, null, Mode.LEVEL));
            assertThrows(ClosedSelectorException.class, () -> selector.modify(p[0], WRITE));
            assertThrows(ClosedSelectorException.class, () -> selector.modify(p[0], WRITE, "x"));
            assertThrows(ClosedSelectorException.class, () -> selector.unregister(p[0]));
            assertThrows(ClosedSelectorException.class, () -> selector.select());
            assertThrows(ClosedSelectorException.class, () -> selector.select(Duration.ZERO));
            assertThrows(ClosedSelectorException.class, () -> selector.selectNow());
            assertThrows(ClosedSelectorException.class, () -> selector.select(Duration.ZERO, (k, e) -> { }));
            assertThrows(ClosedSelectorException.class, () -> selector.getKey(p[0]));
            assertThrows(ClosedSelectorException.class, () -> selector.keys());
            assertThrows(ClosedSelectorException.class, () -> selector.wakeup());
            assertThrows(ClosedSelectorException.class, () -> selector.modes());
            assertThrows(ClosedSelectorException.class, () -> selector.register("bad", 0), "closed wins over bad input");
        }

        @Test
        @DisplayName("close twice is fine")
        void closeTwice() throws IOException {
            selector.close();
            selector.close();
            assertFalse(selector.isOpen());
        }

        @Test
        @DisplayName("backend() names the provider and modes() are the provider's")
        void identity() {
            assertEquals(provider().name(), selector.backend());
            assertEquals(provider().modes(), selector.modes());
            assertTrue(selector.isOpen());
        }

        @Test
        @DisplayName("close does not close the registered fds")
        void keepsUserFds() throws IOException {
            int[] p = fx.pipe();
            selector.register(p[0], READ);
            selector.close();
            assertTrue(Posix.isOpen(p[0]));
            Fixtures.write(p[1], 1);
            assertEquals(1, Fixtures.read(p[0], 1));
        }

        @Test
        @DisplayName("close from inside a ReadyHandler ends the select and releases the selector")
        void closeInHandler() throws IOException {
            long before = Tck.openFds();
            Selector s = provider().open();
            int[] a = fx.pipe();
            int[] b = fx.pipe();
            s.register(a[0], READ);
            s.register(b[0], READ);
            Fixtures.write(a[1], 1);
            Fixtures.write(b[1], 1);
            AtomicInteger calls = new AtomicInteger();
            try {
                s.select(Tck.scaled(2000), (key, events) -> {
                    calls.incrementAndGet();
                    s.close();
                });
            } catch (ClosedSelectorException expected) {
                // either outcome is allowed
            }
            assertEquals(1, calls.get(), "no key is handed out after close");
            assertFalse(s.isOpen());
            assertEquals(before + 4, Tck.openFds(), "the selector's own fds are released");
        }

        @Test
        @DisplayName("the selector's wakeup and kernel fds are close-on-exec")
        void closeOnExec() throws IOException {
            Set<Integer> before = new HashSet<>(openFdNumbers());
            Selector s = provider().open();
            try {
                Set<Integer> mine = new HashSet<>(openFdNumbers());
                mine.removeAll(before);
                for (int fd : mine) {
                    if (Posix.isOpen(fd)) {
                        assertTrue(Posix.isCloseOnExec(fd), "selector fd " + fd + " is close-on-exec");
                    }
                }
            } finally {
                s.close();
            }
        }

        private List<Integer> openFdNumbers() throws IOException {
            java.nio.file.Path dir = java.nio.file.Path.of("/proc/self/fd");
            assumeTrue(java.nio.file.Files.isDirectory(dir), "needs /proc/self/fd");
            List<Integer> fds = new ArrayList<>();
            try (var list = java.nio.file.Files.list(dir)) {
                list.forEach(f -> fds.add(Integer.parseInt(f.getFileName().toString())));
            }
            return fds;
        }
    }

    @Nested
    @DisplayName("modes")
    class Modes {
        @Test
        @DisplayName("ONESHOT: a key reports once, then nothing until modify re-arms it")
        void oneshot() throws IOException {
            assumeTrue(supports(Mode.ONESHOT), "ONESHOT is not offered");
            int[] p = fx.pipe();
            selector.register(p[0], READ, "x", Mode.ONESHOT);
            Fixtures.write(p[1], 1);
            assertEquals(Map.of(p[0], READ), events(2000));
            assertTrue(select(100).isEmpty(), "disarmed after one report");
            Fixtures.write(p[1], 1);
            assertTrue(select(100).isEmpty(), "a second write gives nothing until modify");
            SelectorKey key = selector.modify(p[0], READ);
            assertEquals(Mode.ONESHOT, key.mode());
            assertEquals("x", key.attachment());
            assertEquals(Map.of(p[0], READ), events(2000));
            assertTrue(select(100).isEmpty());
        }

        @Test
        @DisplayName("ONESHOT: modify with new events re-arms for those events")
        void oneshotRearmOther() throws IOException {
            assumeTrue(supports(Mode.ONESHOT), "ONESHOT is not offered");
            int[] s = fx.socketpair();
            selector.register(s[0], WRITE, null, Mode.ONESHOT);
            assertEquals(Map.of(s[0], WRITE), events(2000));
            assertTrue(select(100).isEmpty());
            Fixtures.write(s[1], 1);
            selector.modify(s[0], READ);
            assertEquals(Map.of(s[0], READ), events(2000));
        }

        @Test
        @DisplayName("ONESHOT: an attachment-only modify of an armed key keeps it armed, of a fired key re-arms it")
        void oneshotAttachment() throws IOException {
            assumeTrue(supports(Mode.ONESHOT), "ONESHOT is not offered");
            int[] p = fx.pipe();
            selector.register(p[0], READ, "a", Mode.ONESHOT);
            selector.modify(p[0], READ, "b");
            Fixtures.write(p[1], 1);
            assertEquals("b", selector.select(Tck.scaled(2000)).get(0).key().attachment());
            assertTrue(select(100).isEmpty());
            selector.modify(p[0], READ, "c");
            assertEquals("c", selector.select(Tck.scaled(2000)).get(0).key().attachment());
        }

        @Test
        @DisplayName("EDGE: unread data is reported once; a partial read gives no new event; a new write does")
        void edge() throws IOException {
            assumeTrue(supports(Mode.EDGE), "EDGE is not offered");
            int[] p = fx.pipe();
            selector.register(p[0], READ, null, Mode.EDGE);
            Fixtures.write(p[1], 10);
            assertEquals(Map.of(p[0], READ), events(2000));
            assertTrue(select(100).isEmpty(), "no new edge while the data stays unread");
            Fixtures.read(p[0], 5);
            assertTrue(select(100).isEmpty(), "a partial read is not an edge");
            Fixtures.write(p[1], 1);
            assertEquals(Map.of(p[0], READ), events(2000));
        }

        @Test
        @DisplayName("EDGE: modify keeps the mode and reports the current state once")
        void edgeModify() throws IOException {
            assumeTrue(supports(Mode.EDGE), "EDGE is not offered");
            int[] s = fx.socketpair();
            selector.register(s[0], READ, null, Mode.EDGE);
            SelectorKey key = selector.modify(s[0], WRITE);
            assertEquals(Mode.EDGE, key.mode());
            assertEquals(Map.of(s[0], WRITE), events(2000));
            assertTrue(select(100).isEmpty(), "writable stays writable: no new edge");
        }

        @Test
        @DisplayName("every mode outside modes() is refused with UnsupportedOperationException, leaving no key")
        void unsupportedModes() throws IOException {
            Set<Mode> missing = EnumSet.complementOf(EnumSet.copyOf(provider().modes()));
            assumeTrue(!missing.isEmpty(), "this backend supports every mode");
            int[] p = fx.pipe();
            for (Mode mode : missing) {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                        () -> selector.register(p[0], READ, null, mode));
                assertTrue(e.getMessage().contains(mode.name()), e.getMessage());
            }
            assertTrue(selector.keys().isEmpty());
        }

        @Test
        @DisplayName("LEVEL is the default and re-reports until drained")
        void levelDefault() throws IOException {
            int[] p = fx.pipe();
            assertEquals(Mode.LEVEL, selector.register(p[0], READ).mode());
            Fixtures.write(p[1], 1);
            assertEquals(1, select(Tck.scaledMillis(2000)).size());
            assertEquals(1, select(Tck.scaledMillis(2000)).size());
        }
    }

    @Nested
    @DisplayName("many fds")
    class ManyFds {
        @Test
        @DisplayName("5,000 pipes registered: exactly the written ones are reported")
        void fiveThousand() throws IOException {
            List<int[]> pipes = new ArrayList<>();
            try {
                try {
                    for (int i = 0; i < 5000; i++) {
                        pipes.add(Posix.pipe(true));
                    }
                } catch (ErrnoException e) {
                    assumeTrue(false, "cannot open 10,000 fds here (" + e.getMessage() + "); raise ulimit -n");
                }
                for (int[] p : pipes) {
                    try {
                        selector.register(p[0], READ);
                    } catch (IllegalArgumentException ceiling) { // e.g. select(2)'s FD_SETSIZE
                        assumeTrue(false, "this backend refuses fd " + p[0] + ": " + ceiling.getMessage());
                    }
                }
                Set<Integer> written = new HashSet<>();
                for (int i = 0; i < pipes.size(); i += 97) {
                    Fixtures.write(pipes.get(i)[1], 1);
                    written.add(pipes.get(i)[0]);
                }
                Set<Integer> reported = new HashSet<>();
                long until = System.nanoTime() + Tck.scaled(5000).toNanos();
                while (reported.size() < written.size() && System.nanoTime() < until) {
                    reported.addAll(byFd(select(Tck.scaledMillis(500))).keySet());
                }
                assertEquals(written, reported);
                assertEquals(5000, selector.keys().size());
            } finally {
                for (int[] p : pipes) {
                    Posix.closeQuietly(p[0]);
                    Posix.closeQuietly(p[1]);
                }
            }
        }

        @Test
        @DisplayName("200 socketpairs with mixed interests each report exactly their due events")
        void mixed() throws IOException {
            Map<Integer, Integer> expected = new HashMap<>();
            for (int i = 0; i < 200; i++) {
                int[] s = fx.socketpair();
                int events = i % 3 == 0 ? READ : i % 3 == 1 ? WRITE : READ | WRITE;
                selector.register(s[0], events);
                boolean data = i % 2 == 0;
                if (data) {
                    Fixtures.write(s[1], 1);
                }
                int due = (events & WRITE) | (data ? events & READ : 0);
                if (due != 0) {
                    expected.put(s[0], due);
                }
            }
            Map<Integer, Integer> got = new HashMap<>();
            long until = System.nanoTime() + Tck.scaled(5000).toNanos();
            while (!got.equals(expected) && System.nanoTime() < until) {
                got.putAll(byFd(select(Tck.scaledMillis(500))));
            }
            assertEquals(expected, got);
        }

        @Test
        @DisplayName("10,000 register/unregister cycles on one fd leave no key behind")
        void churn() throws IOException {
            int[] p = fx.pipe();
            for (int i = 0; i < 10_000; i++) {
                selector.register(p[0], READ);
                selector.unregister(p[0]);
            }
            assertTrue(selector.keys().isEmpty());
            Fixtures.write(p[1], 1);
            assertTrue(select(50).isEmpty());
        }

        @Test
        @DisplayName("fds with large numbers are handled")
        void highFd() throws IOException {
            int[] p = fx.pipe();
            int high = 900;
            Posix.dup2(p[0], high);
            fx.own(high);
            selector.register(high, READ);
            Fixtures.write(p[1], 1);
            assertEquals(Map.of(high, READ), events(2000));
        }
    }

    @Nested
    @DisplayName("leaks")
    class Leaks {
        @Test
        @DisplayName("opening and closing 200 selectors leaks no fd")
        void openClose() throws IOException {
            provider().open().close(); // warm up lazily opened JDK/JNA fds
            long before = Tck.openFds();
            for (int i = 0; i < 200; i++) {
                Selector s = provider().open();
                s.wakeup();
                s.selectNow();
                s.close();
            }
            assertEquals(before, Tck.openFds());
        }

        @Test
        @DisplayName("registering and unregistering 400 fds, then closing, leaks no fd")
        void registrations() throws IOException {
            int[][] pipes = new int[200][]; // stays below select(2)'s FD_SETSIZE
            for (int i = 0; i < pipes.length; i++) {
                pipes[i] = fx.pipe();
            }
            long before = Tck.openFds();
            Selector s = provider().open();
            for (int[] p : pipes) {
                s.register(p[0], READ);
                s.register(p[1], WRITE);
            }
            s.select(Duration.ofMillis(10));
            for (int i = 0; i < pipes.length / 2; i++) {
                s.unregister(pipes[i][0]);
                s.unregister(pipes[i][1]);
            }
            s.close();
            assertEquals(before, Tck.openFds());
        }

        @Test
        @DisplayName("a failed registration leaks no fd and changes nothing")
        void failedRegistration() throws IOException {
            int fd = Fixtures.closedFd();
            long before = Tck.openFds();
            for (int i = 0; i < 100; i++) {
                assertThrows(ErrnoException.class, () -> selector.register(fd, WRITE));
            }
            assertEquals(before, Tck.openFds());
            assertTrue(selector.keys().isEmpty());
        }

        @Test
        @DisplayName("select on the ReadyHandler path allocates nothing per call in steady state")
        void allocationFree() throws Exception {
            assumeTrue(AllocationMeter.isSupported(), "this JVM does not count allocated bytes per thread");
            int[] p = fx.pipe();
            int[] s = fx.socketpair();
            selector.register(p[0], READ);
            selector.register(s[0], READ | WRITE);
            Fixtures.write(p[1], 1);
            int[] count = new int[1];
            org.iowait.ReadyHandler handler = (key, events) -> count[0]++;
            Duration timeout = Duration.ofSeconds(1);
            long perSelect = AllocationMeter.bytesPerCall(20_000, 10_000, () -> selector.select(timeout, handler));
            assertTrue(count[0] >= 2 * 30_000, "both fds reported on every select: " + count[0]);
            assertTrue(perSelect < 8, "allocated " + perSelect + " bytes per select");
        }

        @Test
        @DisplayName("selectors leave no threads behind")
        void threads() throws Exception {
            provider().open().close();
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            for (int i = 0; i < 20; i++) {
                try (Selector s = provider().open()) {
                    s.wakeup();
                    s.select(Duration.ofMillis(1));
                }
            }
            Tck.sleep(100);
            Set<Thread> after = new HashSet<>(Thread.getAllStackTraces().keySet());
            after.removeAll(before);
            after.removeIf(t -> !t.isAlive() || t.getName().startsWith("tck-") || t.getName().contains("surefire"));
            assertTrue(after.isEmpty(), "threads left behind: " + after);
        }
    }
}
