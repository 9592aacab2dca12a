package org.iowait.fds;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;

import org.iowait.ErrnoException;
import org.iowait.posix.Os;
import org.iowait.posix.Posix;

/**
 * A child process whose stdin, stdout and stderr are pipes this library owns, so one thread can watch them with a
 * selector and read them non-blockingly, and nothing the child wrote is lost when it exits: the pipes stay open
 * until read to end of stream and closed here. (The JDK's own {@code Process} streams are drained and closed by the
 * JDK when the child exits, so their fds cannot be watched.)
 *
 * <p>How: three pipes (close-on-exec, so no other child inherits them), handed to the child as
 * {@code Redirect.from/to(new File("/proc/self/fd/N"))} ({@code /dev/fd/N} outside Linux). The JDK opens those paths
 * in the parent, dup2s them onto 0, 1 and 2 in the child and closes its copies; this class then closes the parent's
 * copies of the child's ends, so end of stream arrives when the child (and whatever inherited them) exits. Using the
 * JDK's own launcher keeps its environment, directory, reaping and {@code Process} API; posix_spawn through JNA would
 * duplicate all of that. Only streams the builder leaves at {@link Redirect#PIPE} get a pipe; the builder is
 * restored before {@link #start} returns.
 *
 * <pre>{@code
 * try (ChildProcess child = ChildProcess.start(new ProcessBuilder("make", "all"));
 *      Selector selector = DefaultSelector.open()) {
 *     selector.register(child.stdout(), Selector.READ, "out");
 *     selector.register(child.stderr(), Selector.READ, "err");
 *     ... read each when ready; at -1 unregister it; when both ended, child.process().waitFor()
 * }
 * }</pre>
 */
public final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final PipeSink stdin;
    private final PipeSource stdout;
    private final PipeSource stderr;

    private ChildProcess(Process process, PipeSink stdin, PipeSource stdout, PipeSource stderr) {
        this.process = process;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code builder}'s command with its {@link Redirect#PIPE} streams on pipes owned by the returned object.
     *
     * @throws IOException as {@link ProcessBuilder#start()} (the command cannot be run), or an
     *                     {@link ErrnoException} when pipes cannot be made (EMFILE); nothing is left open then
     * @throws UnsupportedOperationException on a system without POSIX pipes (Windows)
     */
    public static ChildProcess start(ProcessBuilder builder) throws IOException {
        Support.requireNonNull(builder, "builder");
        if (Os.host() == Os.OTHER) {
            throw new UnsupportedOperationException("ChildProcess needs POSIX pipes and /dev/fd; this is " + System.getProperty("os.name"));
        }
        Redirect in = builder.redirectInput();
        Redirect out = builder.redirectOutput();
        Redirect err = builder.redirectError();
        int[] inPipe = null;
        int[] outPipe = null;
        int[] errPipe = null;
        try {
            // blocking pipes: the child's ends must block; the parent's ends are made non-blocking below
            inPipe = in == Redirect.PIPE ? Posix.pipe(false) : null;
            outPipe = out == Redirect.PIPE ? Posix.pipe(false) : null;
            errPipe = err == Redirect.PIPE && !builder.redirectErrorStream() ? Posix.pipe(false) : null;
            if (inPipe != null) {
                builder.redirectInput(Redirect.from(fdPath(inPipe[0])));
            }
            if (outPipe != null) {
                builder.redirectOutput(Redirect.to(fdPath(outPipe[1])));
            }
            if (errPipe != null) {
                builder.redirectError(Redirect.to(fdPath(errPipe[1])));
            }
            Process process = builder.start();
            closeChildEnds(inPipe, outPipe, errPipe);
            ChildProcess child = new ChildProcess(process,
                    inPipe != null ? new PipeSink(parentEnd(inPipe, 1)) : null,
                    outPipe != null ? new PipeSource(parentEnd(outPipe, 0)) : null,
                    errPipe != null ? new PipeSource(parentEnd(errPipe, 0)) : null);
            return child.nonBlocking();
        } catch (IOException | RuntimeException | Error e) {
            closeAll(inPipe, outPipe, errPipe);
            throw e;
        } finally {
            builder.redirectInput(in).redirectOutput(out).redirectError(err);
        }
    }

    private ChildProcess nonBlocking() throws ErrnoException {
        try {
            for (FdSource end : new FdSource[] {stdin, stdout, stderr}) {
                if (end != null) {
                    Posix.setNonBlocking(end.fd(), true);
                }
            }
            return this;
        } catch (ErrnoException e) {
            close();
            throw e;
        }
    }

    private static File fdPath(int fd) {
        return new File((Os.host() == Os.LINUX ? "/proc/self/fd/" : "/dev/fd/") + fd);
    }

    /** @return the parent's end, marked taken so the failure path does not close it twice */
    private static int parentEnd(int[] pipe, int index) {
        int fd = pipe[index];
        pipe[index] = -1;
        return fd;
    }

    private static void closeChildEnds(int[] in, int[] out, int[] err) {
        if (in != null) {
            Posix.closeQuietly(in[0]);
            in[0] = -1;
        }
        for (int[] pipe : new int[][] {out, err}) {
            if (pipe != null) {
                Posix.closeQuietly(pipe[1]);
                pipe[1] = -1;
            }
        }
    }

    private static void closeAll(int[]... pipes) {
        for (int[] pipe : pipes) {
            if (pipe != null) {
                Posix.closeQuietly(pipe[0]);
                Posix.closeQuietly(pipe[1]);
            }
        }
    }

    /** @return the JDK's process: {@code waitFor()}, {@code exitValue()}, {@code destroy()}, {@code toHandle()} */
    public Process process() {
        return process;
    }

    /** @throws IllegalStateException the builder did not leave stdin at {@link Redirect#PIPE} */
    public PipeSink stdin() {
        return require(stdin, "stdin", "redirectInput");
    }

    /** @throws IllegalStateException the builder did not leave stdout at {@link Redirect#PIPE} */
    public PipeSource stdout() {
        return require(stdout, "stdout", "redirectOutput");
    }

    /**
     * @throws IllegalStateException the builder did not leave stderr at {@link Redirect#PIPE}, or merged it into
     *                               stdout with {@code redirectErrorStream(true)}
     */
    public PipeSource stderr() {
        return require(stderr, "stderr", "redirectError/redirectErrorStream");
    }

    private static <T> T require(T end, String name, String setting) {
        if (end == null) {
            throw new IllegalStateException("the child's " + name + " is not a pipe here: the ProcessBuilder's "
                    + setting + " was not Redirect.PIPE");
        }
        return end;
    }

    /**
     * Closes the parent's pipe ends (the child then reads end of file on stdin and gets EPIPE writing). The process
     * is left running: {@code process().destroy()} ends it, and the JDK reaps it either way.
     */
    @Override
    public void close() {
        for (FdSource end : new FdSource[] {stdin, stdout, stderr}) {
            if (end != null) {
                end.close();
            }
        }
    }

    @Override
    public String toString() {
        return "ChildProcess[pid=" + process.pid() + ", stdin=" + stdin + ", stdout=" + stdout + ", stderr=" + stderr
                + "]";
    }
}
