package org.iowait.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.iowait.ErrnoException;
import org.iowait.Selector;
import org.iowait.posix.Posix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpollTest {
    @TempDir
    Path dir;

    private static Selector open() throws IOException {
        return new EpollProvider().open();
    }

    @Test
    @DisplayName("a regular file is refused with ErrnoException EPERM naming epoll_ctl ADD, and no key is left")
    void regularFile() throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[] {1});
        try (Selector selector = open(); RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> selector.register(raf, Selector.READ));
            assertEquals("EPERM", e.errnoName());
            assertTrue(e.getMessage().matches("epoll_ctl\\(ADD, fd=\\d+\\): EPERM \\(Operation not permitted\\)"),
                    e.getMessage());
            assertTrue(selector.keys().isEmpty());
        }
    }

    @Test
    @DisplayName("an fd closed and its number reused by dup2 can still be unregistered, and the new file registered")
    void reusedNumber() throws IOException {
        int[] a = Posix.pipe(true);
        int[] b = Posix.pipe(true);
        try (Selector selector = open()) {
            selector.register(a[0], Selector.READ);
            Posix.dup2(b[0], a[0]);
            assertEquals(a[0], selector.unregister(a[0]).fd());
            selector.register(a[0], Selector.READ);
            Posix.write(b[1], new byte[] {1}, 0, 1);
            assertEquals(Selector.READ, selector.select(Duration.ofSeconds(2)).get(0).events());
        } finally {
            for (int fd : new int[] {a[0], a[1], b[0], b[1]}) {
                Posix.closeQuietly(fd);
            }
        }
    }

    @Test
    @DisplayName("EPOLLERR and EPOLLHUP count as READ|WRITE before masking")
    void hangUpAndError() throws IOException {
        int[] p = Posix.pipe(true);
        int[] s = Posix.socketpair(true);
        try (Selector selector = open(); Epoll raw = Epoll.open()) {
            // the write end of a pipe whose reader is gone reports EPOLLERR only
            raw.register(p[1], Epoll.EPOLLOUT);
            Posix.close(p[0]);
            int rawEvents = raw.poll(Duration.ofSeconds(2), 4).get(0).events();
            assertEquals(Epoll.EPOLLOUT | Epoll.EPOLLERR, rawEvents);
            selector.register(p[1], Selector.READ | Selector.WRITE);
            assertEquals(Selector.READ | Selector.WRITE, selector.select(Duration.ofSeconds(2)).get(0).events());
            // a socket whose peer hung up reports EPOLLHUP among its events
            raw.register(s[0], Epoll.EPOLLIN);
            Posix.close(s[1]);
            List<Epoll.Event> events = raw.poll(Duration.ofSeconds(2), 4);
            assertTrue(events.stream().anyMatch(e -> e.fd() == s[0] && (e.events() & Epoll.EPOLLHUP) != 0), "" + events);
            selector.register(s[0], Selector.WRITE);
            Map<Integer, Integer> byFd = new java.util.HashMap<>();
            selector.select(Duration.ofSeconds(2)).forEach(r -> byFd.put(r.key().fd(), r.events()));
            assertEquals(Selector.WRITE, byFd.get(s[0]), "HUP is READ|WRITE, masked to the key's WRITE");
        } finally {
            Posix.closeQuietly(p[1]);
            Posix.closeQuietly(s[0]);
        }
    }

    @Test
    @DisplayName("the epoll_event layout table matches the C compiler's sizeof and offsetof")
    void layoutMatchesC() throws Exception {
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v cc").start().waitFor() == 0, "no C compiler");
        Path source = Files.writeString(dir.resolve("layout.c"), "#include <stdio.h>\n#include <stddef.h>\n"
                + "#include <sys/epoll.h>\nint main(void){printf(\"%zu %zu\\n\", sizeof(struct epoll_event),"
                + " offsetof(struct epoll_event, data));return 0;}\n");
        Path binary = dir.resolve("layout");
        Process cc = new ProcessBuilder("cc", "-o", binary.toString(), source.toString()).inheritIO().start();
        assertEquals(0, cc.waitFor());
        Process run = new ProcessBuilder(binary.toString()).start();
        String out = new String(run.getInputStream().readAllBytes()).trim();
        assertEquals(0, run.waitFor());
        assertEquals(EpollSyscalls.EVENT_SIZE + " " + EpollSyscalls.DATA_OFFSET, out);
    }

    @Test
    @DisplayName("Epoll: register, modify, unregister and poll behave as Python's select.epoll")
    void lowLevel() throws IOException {
        int[] p = Posix.pipe(true);
        try (Epoll epoll = Epoll.open()) {
            assertTrue(epoll.fileno() > 2);
            assertTrue(Posix.isCloseOnExec(epoll.fileno()), "close-on-exec");
            epoll.register(p[0], Epoll.EPOLLIN);
            assertEquals("EEXIST", assertThrows(ErrnoException.class, () -> epoll.register(p[0], Epoll.EPOLLIN)).errnoName());
            assertTrue(epoll.poll(Duration.ZERO, 8).isEmpty());
            long start = System.nanoTime();
            assertTrue(epoll.poll(Duration.ofMillis(100), 8).isEmpty());
            assertTrue(System.nanoTime() - start >= 100_000_000L, "no early return");
            Posix.write(p[1], new byte[] {1}, 0, 1);
            assertEquals(List.of(new Epoll.Event(p[0], Epoll.EPOLLIN)), epoll.poll(Duration.ofSeconds(1), 8));
            epoll.modify(p[0], Epoll.EPOLLIN | Epoll.EPOLLONESHOT);
            assertEquals(1, epoll.poll(Duration.ofSeconds(1), 8).size());
            assertTrue(epoll.poll(Duration.ZERO, 8).isEmpty(), "one-shot disarmed");
            epoll.unregister(p[0]);
            assertEquals("ENOENT", assertThrows(ErrnoException.class, () -> epoll.unregister(p[0])).errnoName());
            assertEquals("ENOENT", assertThrows(ErrnoException.class, () -> epoll.modify(p[0], 1)).errnoName());
            assertEquals("EBADF", assertThrows(ErrnoException.class, () -> epoll.register(999_99, 1)).errnoName());
            assertThrows(IllegalArgumentException.class, () -> epoll.register(-1, 1));
            assertThrows(IllegalArgumentException.class, () -> epoll.poll(Duration.ZERO, 0));
        } finally {
            Posix.close(p[0]);
            Posix.close(p[1]);
        }
    }

    @Test
    @DisplayName("a closed Epoll refuses every operation and closing twice is fine")
    void closedEpoll() throws IOException {
        Epoll epoll = Epoll.open();
        int fd = epoll.fileno();
        epoll.close();
        epoll.close();
        assertTrue(epoll.isClosed());
        assertTrue(!Posix.isOpen(fd));
        assertThrows(IllegalStateException.class, epoll::fileno);
        assertThrows(IllegalStateException.class, () -> epoll.register(0, 1));
        assertThrows(IllegalStateException.class, () -> epoll.modify(0, 1));
        assertThrows(IllegalStateException.class, () -> epoll.unregister(0));
        assertThrows(IllegalStateException.class, () -> epoll.poll(Duration.ZERO, 1));
    }

    @Test
    @DisplayName("more ready fds than maxEvents: the rest come on the next call; the selector's buffer grows")
    void overflow() throws IOException {
        List<int[]> pipes = new ArrayList<>();
        try (Epoll epoll = Epoll.open(); Selector selector = open()) {
            for (int i = 0; i < 300; i++) {
                int[] p = Posix.pipe(true);
                pipes.add(p);
                epoll.register(p[0], Epoll.EPOLLIN | Epoll.EPOLLONESHOT);
                selector.register(p[0], Selector.READ);
                Posix.write(p[1], new byte[] {1}, 0, 1);
            }
            Set<Integer> seen = new HashSet<>();
            for (int round = 0; round < 3; round++) {
                List<Epoll.Event> events = epoll.poll(Duration.ofSeconds(1), 100);
                assertEquals(100, events.size());
                events.forEach(e -> seen.add(e.fd()));
            }
            assertEquals(300, seen.size(), "every fd came, none twice");
            int first = selector.select(Duration.ofSeconds(1)).size();
            assertEquals(64, first, "the first wait fills the initial buffer");
            int total = first;
            for (int i = 0; i < 3; i++) {
                total = selector.select(Duration.ofSeconds(1)).size();
            }
            assertEquals(300, total, "the grown buffer takes every ready fd in one wait");
        } finally {
            for (int[] p : pipes) {
                Posix.closeQuietly(p[0]);
                Posix.closeQuietly(p[1]);
            }
        }
    }
}
