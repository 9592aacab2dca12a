package org.iowait.fds;

import java.time.Duration;
import java.util.Optional;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.iowait.ErrnoException;
import org.iowait.posix.Availability;
import org.iowait.posix.Errno;
import org.iowait.posix.LibC;

/**
 * A one-shot or periodic timer on the monotonic clock, readable while expirations are pending: timerfd(2) on Linux.
 * Elsewhere {@link #open()} throws {@link UnsupportedOperationException} with the reason (kqueue EVFILT_TIMER is not
 * implemented yet). Close-on-exec and non-blocking; a new timer is disarmed.
 *
 * <pre>{@code
 * try (TimerFd tick = TimerFd.open()) {
 *     tick.schedule(Duration.ofMillis(100), Duration.ofMillis(100));   // every 100 ms
 *     selector.register(tick, Selector.READ, "tick");
 *     ...
 *     long expirations = tick.drain();        // how many periods passed since the last drain
 * }
 * }</pre>
 */
public final class TimerFd extends FdSource {
    private static final Availability AVAILABILITY = Support.linux("TimerFd", "kqueue EVFILT_TIMER",
            () -> create().close());

    private final Memory spec = new Memory(TimerSyscalls.ITIMERSPEC_SIZE);
    private final Memory count = new Memory(TimerSyscalls.EXPIRATIONS_SIZE);

    private TimerFd(int fd) {
        super(fd);
    }

    /** @return whether timers work here (cached; never throws) */
    public static boolean isAvailable() {
        return AVAILABILITY.isAvailable();
    }

    /** @return why timers do not work here */
    public static Optional<Throwable> unavailabilityCause() {
        return AVAILABILITY.cause();
    }

    /**
     * @return a disarmed timer
     * @throws UnsupportedOperationException not available here, with the reason
     */
    public static TimerFd open() throws ErrnoException {
        Support.check(AVAILABILITY, "TimerFd");
        return create();
    }

    private static TimerFd create() throws ErrnoException {
        int fd = TimerSyscalls.timerfd_create(TimerSyscalls.CLOCK_MONOTONIC,
                TimerSyscalls.TFD_NONBLOCK | TimerSyscalls.TFD_CLOEXEC);
        if (fd == -1) {
            throw Errno.last("timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK|TFD_CLOEXEC)");
        }
        return new TimerFd(fd);
    }

    /**
     * Arms the timer, replacing any earlier schedule and forgetting expirations not yet drained.
     *
     * @param first    until the first expiration; zero fires at once
     * @param interval between later expirations; zero makes a one-shot timer
     * @throws IllegalArgumentException a negative duration
     * @throws IllegalStateException    closed
     */
    public synchronized void schedule(Duration first, Duration interval) throws ErrnoException {
        Support.requireNonNull(first, "first");
        Support.requireNonNull(interval, "interval");
        if (first.isNegative() || interval.isNegative()) {
            throw new IllegalArgumentException("a timer cannot be scheduled with a negative duration: first="
                    + first + ", interval=" + interval);
        }
        // timerfd reads an it_value of zero as "disarm": one nanosecond is the closest thing to "now"
        settime(first.isZero() ? Duration.ofNanos(1) : first, interval, "schedule(" + first + ", " + interval + ")");
    }

    /** Disarms the timer; expirations not yet drained are forgotten. */
    public synchronized void cancel() throws ErrnoException {
        settime(Duration.ZERO, Duration.ZERO, "cancel()");
    }

    private void settime(Duration value, Duration interval, String what) throws ErrnoException {
        int fd = openFd();
        spec.setLong(TimerSyscalls.INTERVAL_SEC, interval.getSeconds());
        spec.setLong(TimerSyscalls.INTERVAL_NSEC, interval.getNano());
        spec.setLong(TimerSyscalls.VALUE_SEC, value.getSeconds());
        spec.setLong(TimerSyscalls.VALUE_NSEC, value.getNano());
        if (TimerSyscalls.timerfd_settime(fd, 0, Pointer.nativeValue(spec), 0) == -1) {
            throw Errno.last("timerfd_settime(fd=" + fd + ") for " + what);
        }
    }

    /**
     * @return the expirations since the last drain (or schedule), 0 when there were none; the fd is then not
     *         readable until the next expiration
     * @throws IllegalStateException closed
     */
    public synchronized long drain() throws ErrnoException {
        int fd = openFd();
        for (;;) {
            if (LibC.read(fd, Pointer.nativeValue(count), TimerSyscalls.EXPIRATIONS_SIZE)
                    == TimerSyscalls.EXPIRATIONS_SIZE) {
                return count.getLong(0);
            }
            int errno = Native.getLastError();
            if (errno == Errno.EAGAIN) {
                return 0;
            }
            if (errno != Errno.EINTR) {
                throw Errno.exception("read(timerfd=" + fd + ")", errno);
            }
        }
    }

    @Override
    void release() {
        spec.close();
        count.close();
    }
}
