package org.iowait.fds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.iowait.DefaultSelector;
import org.iowait.ErrnoException;
import org.iowait.Selector;
import org.iowait.posix.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FileWatchTest {
    @TempDir
    Path dir;

    static String[] backends() {
        return Scaled.BACKENDS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void createWriteDeleteGiveThreeEventsInOrder(String backend) throws Exception {
        try (FileWatch watch = FileWatch.open(); Selector selector = DefaultSelector.open(backend)) {
            watch.watch(dir);
            selector.register(watch, Selector.READ);
            assertTrue(selector.selectNow().isEmpty());
            Path file = dir.resolve("data.txt");
            Files.createFile(file);
            Files.writeString(file, "hello", StandardCharsets.UTF_8);
            Files.delete(file);
            List<FileWatch.Kind> kinds = new ArrayList<>();
            long deadline = Scaled.deadline(10_000);
            while (!kinds.contains(FileWatch.Kind.DELETED)) {
                assertTrue(System.nanoTime() < deadline, "events so far: " + kinds);
                if (!selector.select(Scaled.millis(1_000)).isEmpty()) {
                    for (FileWatch.Event event : watch.drain()) {
                        assertEquals(file, event.path());
                        if (kinds.isEmpty() || kinds.get(kinds.size() - 1) != event.kind()) {
                            kinds.add(event.kind()); // a truncate and a write may be two MODIFIED: merge repeats
                        }
                    }
                }
            }
            assertEquals(List.of(FileWatch.Kind.CREATED, FileWatch.Kind.MODIFIED, FileWatch.Kind.DELETED), kinds);
            assertTrue(watch.drain().isEmpty());
            assertTrue(selector.selectNow().isEmpty(), "drained: not readable");
            selector.unregister(watch);
        }
    }

    @Test
    void aWatchedFileReportsItselfAndItsDeletion() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), "a=1");
        try (FileWatch watch = FileWatch.open(); Selector selector = DefaultSelector.open()) {
            watch.watch(file);
            assertEquals(List.of(file.toAbsolutePath()), watch.watched());
            selector.register(watch, Selector.READ);
            Files.move(dir.resolve("config"), dir.resolve("config.old"));
            Files.delete(dir.resolve("config.old"));
            List<FileWatch.Event> events = new ArrayList<>();
            long deadline = Scaled.deadline(10_000);
            while (events.stream().noneMatch(e -> e.kind() == FileWatch.Kind.DELETED)) {
                assertTrue(System.nanoTime() < deadline, "events so far: " + events);
                selector.select(Scaled.millis(1_000));
                events.addAll(watch.drain());
            }
            assertEquals(new FileWatch.Event(file, FileWatch.Kind.MOVED_FROM), events.get(0));
            assertTrue(watch.watched().isEmpty(), "the kernel dropped the watch of a deleted file");
        }
    }

    @Test
    void badInputsAndAClosedWatchFailClearly() throws Exception {
        FileWatch watch = FileWatch.open();
        Path missing = dir.resolve("no-such-dir");
        ErrnoException noSuch = assertThrows(ErrnoException.class, () -> watch.watch(missing));
        assertEquals(Errno.ENOENT, noSuch.errno());
        assertTrue(noSuch.getMessage().contains(missing.toString()), noSuch.getMessage());
        assertTrue(watch.watched().isEmpty(), "a failed watch adds nothing");
        assertThrows(NullPointerException.class, () -> watch.watch(null));
        NoSuchElementException unknown = assertThrows(NoSuchElementException.class, () -> watch.unwatch(dir));
        assertTrue(unknown.getMessage().contains("not watched"), unknown.getMessage());
        watch.watch(dir);
        watch.unwatch(dir);
        Files.createFile(dir.resolve("after-unwatch"));
        assertTrue(watch.drain().isEmpty(), "no events after unwatch");
        watch.close();
        assertEquals(-1, watch.fd());
        IllegalStateException closed = assertThrows(IllegalStateException.class, watch::drain);
        assertEquals("FileWatch is closed", closed.getMessage());
        assertThrows(IllegalStateException.class, () -> watch.watch(dir));
    }
}
