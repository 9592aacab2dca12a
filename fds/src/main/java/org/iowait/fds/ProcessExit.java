package org.iowait.fds;

import java.util.Optional;

import org.iowait.ErrnoException;
import org.iowait.FileDescriptorSource;
import org.iowait.posix.Availability;
import org.iowait.posix.Errno;

/**
 * Readable once a process has exited: a pidfd on Linux ≥ 5.3. Where pidfd_open is missing (an older kernel, a
 * seccomp profile, not Linux: kqueue EVFILT_PROC is not implemented yet) {@link #of} throws
 * {@link UnsupportedOperationException} with the reason. A process that has already exited gives a source that is
 * readable at once. Close-on-exec; reading it is never needed (readability is the whole message).
 *
 * <pre>{@code
 * Process child = new ProcessBuilder("sleep", "1").start();
 * try (ProcessExit exit = ProcessExit.of(child.toHandle())) {
 *     selector.register(exit, Selector.READ, "child exited");
 *     ...                                    // readable: child.waitFor() returns without blocking
 * }
 * }</pre>
 */
public final class ProcessExit implements FileDescriptorSource, AutoCloseable {
    private static final Availability AVAILABILITY = Support.linux("ProcessExit", "kqueue EVFILT_PROC",
            () -> pidfd(ProcessHandle.current()).close());

    private final ProcessHandle process;
    private final FdSource pidfd;  // null when the process was gone already
    private final EventFd exited;  // then: signalled once, so readable at once

    private ProcessExit(ProcessHandle process, FdSource pidfd, EventFd exited) {
        this.process = process;
        this.pidfd = pidfd;
        this.exited = exited;
    }

    public static boolean isAvailable() {
        return AVAILABILITY.isAvailable();
    }

    public static Optional<Throwable> unavailabilityCause() {
        return AVAILABILITY.cause();
    }

    /**
     * @param process any process this user may see, child or not
     * @throws UnsupportedOperationException pidfd_open is unavailable here, with the reason
     */
    public static ProcessExit of(ProcessHandle process) throws ErrnoException {
        Support.requireNonNull(process, "process");
        Support.check(AVAILABILITY, "ProcessExit");
        if (process.isAlive()) {
            FdSource fd;
            try {
                fd = pidfd(process);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.ESRCH) {
                    throw e;
                }
                fd = null; // exited and reaped between the two calls
            }
            // The pid cannot be reused while the process lives: alive after the open means the pidfd is its own.
            if (fd != null && process.isAlive()) {
                return new ProcessExit(process, fd, null);
            }
            if (fd != null) {
                fd.close();
            }
        }
        EventFd exited = EventFd.open();
        try {
            exited.signal(1);
        } catch (ErrnoException | RuntimeException e) {
            exited.close();
            throw e;
        }
        return new ProcessExit(process, null, exited);
    }

    /** @see #of(ProcessHandle) */
    public static ProcessExit of(Process process) throws ErrnoException {
        return of(Support.requireNonNull(process, "process").toHandle());
    }

    private static FdSource pidfd(ProcessHandle process) throws ErrnoException {
        long pid = process.pid();
        long fd = PidfdSyscalls.syscall(PidfdSyscalls.NUMBER, pid, 0); // pidfds are always close-on-exec
        if (fd == -1) {
            throw Errno.last("pidfd_open(pid=" + pid + ")");
        }
        return new FdSource((int) fd) {
        };
    }

    /** @return the process watched */
    public ProcessHandle process() {
        return process;
    }

    /** @return the fd, readable once the process has exited; -1 once closed */
    @Override
    public int fd() {
        return pidfd != null ? pidfd.fd() : exited.fd();
    }

    public boolean isOpen() {
        return pidfd != null ? pidfd.isOpen() : exited.isOpen();
    }

    /** Releases the fd; idempotent. */
    @Override
    public void close() {
        if (pidfd != null) {
            pidfd.close();
        } else {
            exited.close();
        }
    }

    @Override
    public String toString() {
        return "ProcessExit[pid=" + process.pid() + ", fd=" + fd() + "]";
    }
}
