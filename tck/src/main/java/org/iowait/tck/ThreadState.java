package org.iowait.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Another thread's scheduler state, from Linux's {@code /proc/self/task/TID}: whether it sleeps in the kernel, and
 * how many times it went to sleep. It lets a test act on a thread that is really blocked, and see that a signal woke
 * it, without sleeping and hoping. Where there is no {@code /proc}, it falls back to a scaled pause (the tests using
 * it stay correct, they only check less).
 */
final class ThreadState {
    private final Path task;

    /** @param task what {@link #selfTask()} returned in the thread to watch */
    ThreadState(String task) {
        this.task = task == null ? null : Path.of(task);
    }

    /** @return the calling thread's {@code /proc/self/task/TID} directory, or null where there is none */
    static String selfTask() {
        try {
            return Path.of("/proc").resolve(Files.readSymbolicLink(Path.of("/proc/thread-self"))).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Waits until the thread sleeps in the kernel ({@code S} in its stat).
     *
     * @return how many times it has gone to sleep so far (voluntary context switches), or -1 without /proc
     */
    long awaitAsleep(long timeoutMillis) throws IOException {
        if (task == null) {
            Tck.sleep(Tck.scaledMillis(200));
            return -1;
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (state() != 'S') {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("thread " + task + " did not block within " + timeoutMillis + " ms");
            }
            Tck.sleep(1); // polling with a deadline, not a guess at how long something takes
        }
        return voluntarySwitches();
    }

    /** @return whether the thread went to sleep again since {@code switches}, within the timeout */
    boolean awaitWokenSince(long switches, long timeoutMillis) throws IOException {
        if (task == null) {
            return true;
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (voluntarySwitches() <= switches) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Tck.sleep(1);
        }
        return true;
    }

    private char state() throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2); // "tid (name) S ...": the name may hold spaces
    }

    private long voluntarySwitches() throws IOException {
        for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IOException(task + "/status has no voluntary_ctxt_switches");
    }
}
