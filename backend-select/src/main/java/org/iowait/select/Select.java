package org.iowait.select;

import static org.iowait.select.SelectSyscalls.WORD_BITS;

import java.time.Duration;
import java.util.Arrays;


import org.iowait.ErrnoException;
import org.iowait.posix.Errno;
import org.iowait.spi.Timeouts;

/**
 * Python's {@code select.select}: one call over three fd lists.
 *
 * <pre>{@code
 * Select.Result r = Select.select(new int[] {pipeIn}, new int[] {socket}, new int[0], Duration.ofSeconds(1));
 * if (r.read().length > 0) read(pipeIn);
 * }</pre>
 */
public final class Select {
    /** The fds of each list that are ready, in ascending order. */
    public record Result(int[] read, int[] write, int[] except) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Result r && Arrays.equals(read, r.read) && Arrays.equals(write, r.write)
                    && Arrays.equals(except, r.except);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(read) * 961 + Arrays.hashCode(write) * 31 + Arrays.hashCode(except);
        }

        @Override
        public String toString() {
            return "Result[read=" + Arrays.toString(read) + ", write=" + Arrays.toString(write) + ", except="
                    + Arrays.toString(except) + "]";
        }
    }

    private Select() {
    }

    /**
     * Waits up to {@code timeout} (null: forever; zero or negative: poll; rounded up to microseconds) until an fd of
     * {@code read} is readable, of {@code write} writable, or of {@code except} has an exceptional condition.
     * EINTR is retried with the remaining time.
     *
     * @throws IllegalArgumentException an fd outside 0..1023 (FD_SETSIZE)
     * @throws ErrnoException           e.g. EBADF for a closed fd
     */
    public static Result select(int[] read, int[] write, int[] except, Duration timeout) throws ErrnoException {
        int[][] lists = {read.clone(), write.clone(), except.clone()};
        int nfds = 0;
        for (int[] list : lists) {
            for (int fd : list) {
                SelectSyscalls.checkFd(fd);
                nfds = Math.max(nfds, fd + 1);
            }
        }
        long nanos = Timeouts.pollingNanos(timeout);
        long start = System.nanoTime();
        try (SelectSyscalls.Sets sets = new SelectSyscalls.Sets()) {
            for (;;) {
                for (int which = 0; which < 3; which++) {
                    sets.clear(which);
                    for (int fd : lists[which]) {
                        int w = fd / WORD_BITS;
                        sets.putWord(which, w, sets.word(which, w) | 1L << (fd % WORD_BITS));
                    }
                }
                int n = SelectSyscalls.select(nfds, sets.set(0), sets.set(1), sets.set(2), sets.timeval(Timeouts.remaining(nanos, start)));
                if (n >= 0) {
                    return new Result(ready(sets, 0, lists[0]), ready(sets, 1, lists[1]), ready(sets, 2, lists[2]));
                }
                int errno = Errno.lastErrno();
                if (errno != Errno.EINTR) {
                    throw Errno.exception("select(nfds=" + nfds + ")", errno);
                }
            }
        }
    }

    private static int[] ready(SelectSyscalls.Sets sets, int which, int[] asked) {
        return Arrays.stream(asked).filter(fd -> (sets.word(which, fd / WORD_BITS) & 1L << (fd % WORD_BITS)) != 0)
                .distinct().sorted().toArray();
    }
}
