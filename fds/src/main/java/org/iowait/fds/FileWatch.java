package org.iowait.fds;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.iowait.ErrnoException;
import org.iowait.posix.Availability;
import org.iowait.posix.Errno;
import org.iowait.posix.LibC;

/**
 * Changes to files and directories, readable while events are queued: inotify(7) on Linux. A watched directory
 * reports its entries (not recursively); a watched file reports itself. Elsewhere {@link #open()} throws
 * {@link UnsupportedOperationException} with the reason: kqueue EVFILT_VNODE is not implemented yet (it would watch
 * one open fd per file and report a directory's change without the entry's name).
 *
 * <pre>{@code
 * try (FileWatch watch = FileWatch.open()) {
 *     watch.watch(Path.of("/var/spool/in"));
 *     selector.register(watch, Selector.READ);
 *     ...
 *     for (FileWatch.Event e : watch.drain()) System.out.println(e.kind() + " " + e.path());
 * }
 * }</pre>
 */
public final class FileWatch extends FdSource {
    /** What happened. */
    public enum Kind {
        /** An entry appeared in a watched directory. */
        CREATED,
        /** A file's content was written (one event per write that was not yet read; the kernel merges repeats). */
        MODIFIED,
        /** An entry left a watched directory, or a watched file or directory itself was deleted. */
        DELETED,
        /** An entry was renamed away from a watched directory, or a watched path itself was moved. */
        MOVED_FROM,
        /** An entry was renamed into a watched directory. */
        MOVED_TO,
        /** Permissions, timestamps, owner or link count changed. */
        ATTRIBUTES,
        /** The kernel's queue overflowed and events were dropped: rescan what you watch. */
        OVERFLOW
    }

    /**
     * One change.
     *
     * @param path the entry (a watched directory resolved against the entry's name) or the watched path itself;
     *             null only for {@link Kind#OVERFLOW}
     * @param kind what happened
     */
    public record Event(Path path, Kind kind) {
    }

    private static final int MASK = InotifySyscalls.IN_CREATE | InotifySyscalls.IN_MODIFY
            | InotifySyscalls.IN_DELETE | InotifySyscalls.IN_MOVED_FROM | InotifySyscalls.IN_MOVED_TO
            | InotifySyscalls.IN_ATTRIB | InotifySyscalls.IN_DELETE_SELF | InotifySyscalls.IN_MOVE_SELF;
    private static final Availability AVAILABILITY = Support.linux("FileWatch", "kqueue EVFILT_VNODE",
            () -> create().close());

    private final Map<Integer, Path> watches = new HashMap<>();
    private final Memory buffer = new Memory(InotifySyscalls.BUFFER_SIZE);

    private FileWatch(int fd) {
        super(fd);
    }

    public static boolean isAvailable() {
        return AVAILABILITY.isAvailable();
    }

    public static Optional<Throwable> unavailabilityCause() {
        return AVAILABILITY.cause();
    }

    /**
     * @return a watch with nothing watched yet
     * @throws UnsupportedOperationException not available here, with the reason
     * @throws ErrnoException                EMFILE: the per-user inotify instance limit is reached
     */
    public static FileWatch open() throws ErrnoException {
        Support.check(AVAILABILITY, "FileWatch");
        return create();
    }

    private static FileWatch create() throws ErrnoException {
        int fd = InotifySyscalls.inotify_init1(InotifySyscalls.IN_NONBLOCK | InotifySyscalls.IN_CLOEXEC);
        if (fd == -1) {
            throw Errno.last("inotify_init1(IN_NONBLOCK|IN_CLOEXEC)");
        }
        return new FileWatch(fd);
    }

    /**
     * Watches a directory's entries, or one file. Watching it again changes nothing.
     *
     * @throws ErrnoException ENOENT (no such path), EACCES, ENOSPC (the per-user watch limit)
     */
    public synchronized void watch(Path fileOrDir) throws ErrnoException {
        Support.requireNonNull(fileOrDir, "fileOrDir");
        int fd = openFd();
        Path path = fileOrDir.toAbsolutePath();
        int wd = InotifySyscalls.inotify_add_watch(fd, Native.toByteArray(path.toString()), MASK);
        if (wd == -1) {
            throw Errno.last("inotify_add_watch(fd=" + fd + ", \"" + path + "\")");
        }
        watches.put(wd, path);
    }

    /**
     * Stops watching a path given to {@link #watch}.
     *
     * @throws java.util.NoSuchElementException it is not watched
     */
    public synchronized void unwatch(Path fileOrDir) throws ErrnoException {
        Support.requireNonNull(fileOrDir, "fileOrDir");
        int fd = openFd();
        Path path = fileOrDir.toAbsolutePath();
        Integer wd = watches.entrySet().stream().filter(e -> e.getValue().equals(path)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new java.util.NoSuchElementException(path + " is not watched"));
        // EINVAL: the kernel already dropped it (the path was deleted); the IN_IGNORED event has not been read yet
        if (InotifySyscalls.inotify_rm_watch(fd, wd) == -1 && Native.getLastError() != Errno.EINVAL) {
            throw Errno.last("inotify_rm_watch(fd=" + fd + ", \"" + path + "\")");
        }
        watches.remove(wd);
    }

    /** @return the watched paths, absolute */
    public synchronized List<Path> watched() {
        openFd();
        return List.copyOf(watches.values());
    }

    /**
     * @return every queued event in the order the kernel recorded them; empty when there are none
     * @throws IllegalStateException closed
     */
    public synchronized List<Event> drain() throws ErrnoException {
        int fd = openFd();
        List<Event> events = new ArrayList<>();
        long address = Pointer.nativeValue(buffer);
        for (;;) {
            long n = LibC.read(fd, address, InotifySyscalls.BUFFER_SIZE);
            if (n > 0) {
                parse(n, events);
                continue;
            }
            int errno = Native.getLastError();
            if (errno == Errno.EAGAIN) {
                return events;
            }
            if (errno != Errno.EINTR) {
                throw Errno.exception("read(inotify=" + fd + ")", errno);
            }
        }
    }

    private void parse(long length, List<Event> events) {
        for (long offset = 0; offset + InotifySyscalls.NAME <= length; ) {
            int wd = buffer.getInt(offset + InotifySyscalls.WD);
            int mask = buffer.getInt(offset + InotifySyscalls.MASK);
            int nameLength = buffer.getInt(offset + InotifySyscalls.LEN);
            String name = nameLength > 0 ? buffer.getString(offset + InotifySyscalls.NAME) : null;
            offset += InotifySyscalls.NAME + Integer.toUnsignedLong(nameLength);
            if ((mask & InotifySyscalls.IN_Q_OVERFLOW) != 0) {
                events.add(new Event(null, Kind.OVERFLOW));
                continue;
            }
            Path watched = watches.get(wd);
            if (watched == null) {
                continue; // a watch removed by unwatch() while its events were queued
            }
            if ((mask & InotifySyscalls.IN_IGNORED) != 0) {
                watches.remove(wd); // the kernel dropped it; DELETED or an unmount was reported before
                continue;
            }
            Kind kind = kind(mask);
            if (kind != null) {
                events.add(new Event(name != null && !name.isEmpty() ? watched.resolve(name) : watched, kind));
            }
        }
    }

    private static Kind kind(int mask) {
        if ((mask & InotifySyscalls.IN_CREATE) != 0) {
            return Kind.CREATED;
        }
        if ((mask & InotifySyscalls.IN_MODIFY) != 0) {
            return Kind.MODIFIED;
        }
        if ((mask & (InotifySyscalls.IN_DELETE | InotifySyscalls.IN_DELETE_SELF)) != 0) {
            return Kind.DELETED;
        }
        if ((mask & (InotifySyscalls.IN_MOVED_FROM | InotifySyscalls.IN_MOVE_SELF)) != 0) {
            return Kind.MOVED_FROM;
        }
        if ((mask & InotifySyscalls.IN_MOVED_TO) != 0) {
            return Kind.MOVED_TO;
        }
        if ((mask & InotifySyscalls.IN_ATTRIB) != 0) {
            return Kind.ATTRIBUTES;
        }
        return null;
    }

    @Override
    void release() {
        watches.clear();
        buffer.close();
    }
}
