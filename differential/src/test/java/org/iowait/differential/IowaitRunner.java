package org.iowait.differential;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import com.sun.jna.Native;

import org.iowait.DefaultSelector;
import org.iowait.ErrnoException;
import org.iowait.Ready;
import org.iowait.Selector;
import org.iowait.posix.Errno;
import org.iowait.posix.LibC;
import org.iowait.posix.Posix;

/** Runs a {@link Script} on one iowait backend with its own fds; one result line per op, in the driver's words. */
class IowaitRunner {
    static final int CHUNK = 65536;
    private static final byte[] BYTES = new byte[CHUNK];

    private final String backend;

    IowaitRunner(String backend) {
        this.backend = backend;
    }

    List<String> run(Script script) throws IOException {
        Map<String, Integer> fds = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        Set<String> closed = new HashSet<>();
        List<String> results = new ArrayList<>(script.ops().size());
        try (Selector selector = DefaultSelector.open(backend)) {
            for (int i = 0; i < script.pipes(); i++) {
                int[] p = Posix.pipe(true);
                fds.put("p" + i + "r", p[0]);
                fds.put("p" + i + "w", p[1]);
            }
            for (int i = 0; i < script.sockets(); i++) {
                int[] s = Posix.socketpair(true);
                fds.put("s" + i + "a", s[0]);
                fds.put("s" + i + "b", s[1]);
            }
            fds.forEach((name, fd) -> names.put(fd, name));
            for (String op : script.ops()) {
                String[] words = op.split(" ");
                if (words.length > 1 && closed.contains(words[1]) && !words[0].equals("unreg")) {
                    results.add("skip:closed"); // a closed end's number may be reused: only unregister it
                    continue;
                }
                try {
                    results.add(step(selector, words, fds, names, closed));
                } catch (IllegalArgumentException e) {
                    results.add("error:ValueError");
                } catch (NoSuchElementException e) {
                    results.add("error:KeyError");
                } catch (ErrnoException e) {
                    results.add("error:OSError:" + e.errnoName());
                } catch (RuntimeException e) {
                    results.add("error:" + e.getClass().getName() + ": " + e.getMessage());
                }
            }
        } finally {
            fds.forEach((name, fd) -> {
                if (!closed.contains(name)) {
                    Posix.closeQuietly(fd);
                }
            });
        }
        return results;
    }

    private static String step(Selector selector, String[] words, Map<String, Integer> fds, Map<Integer, String> names,
            Set<String> closed) throws IOException {
        Integer fd = words.length > 1 ? fds.get(words[1]) : null;
        switch (words[0]) {
            case "reg" -> selector.register(fd, Integer.parseInt(words[2]));
            case "regneg" -> selector.register(-1, Integer.parseInt(words[1]));
            case "mod" -> selector.modify(fd, Integer.parseInt(words[2]));
            case "unreg" -> selector.unregister(fd);
            case "unregbig" -> selector.unregister(999999);
            case "write" -> {
                return "wrote:" + write(fd, Integer.parseInt(words[2]));
            }
            case "read" -> {
                return read(fd, Integer.parseInt(words[2]));
            }
            case "fill" -> {
                while (write(fd, CHUNK) > 0) {
                    // until the kernel takes no more
                }
            }
            case "drain" -> {
                for (;;) {
                    String got = read(fd, CHUNK);
                    if (got.equals("empty") || got.equals("read:0")) {
                        return got.equals("read:0") ? "eof" : "empty";
                    }
                }
            }
            case "close" -> {
                if (selector.keys().containsKey(fd)) {
                    selector.unregister(fd); // the documented rule: unregister before close
                }
                Posix.close(fd);
                closed.add(words[1]);
            }
            case "closereg" -> { // against the documented rule: close while registered
                Posix.close(fd);
                closed.add(words[1]);
            }
            case "shut" -> {
                int how = switch (words[2]) {
                    case "rd" -> 0;
                    case "wr" -> Posix.SHUT_WR;
                    default -> 2;
                };
                if (LibC.shutdown(fd, how) == -1) {
                    throw Errno.exception("shutdown(fd=" + fd + ")", Native.getLastError());
                }
            }
            case "select" -> {
                List<String> ready = new ArrayList<>();
                for (Ready r : selector.selectNow()) {
                    ready.add(names.get(r.key().fd()) + "=" + r.events());
                }
                ready.sort(null);
                return "ready:" + String.join(",", ready);
            }
            default -> throw new IllegalStateException("unknown op: " + String.join(" ", words));
        }
        return "ok";
    }

    private static int write(int fd, int n) throws ErrnoException {
        int written = Posix.write(fd, BYTES, 0, n);
        return written == Posix.WOULD_BLOCK ? 0 : written;
    }

    private static String read(int fd, int n) throws ErrnoException {
        int got = Posix.read(fd, new byte[n], 0, n);
        return got == Posix.WOULD_BLOCK ? "empty" : "read:" + got;
    }
}
