package org.iowait.poll;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import org.iowait.posix.Ffm;

/** {@link PollCalls} through {@code java.lang.foreign}, {@code nfds_t} at this OS's width. */
final class PollFfm implements PollCalls {
    private static final boolean NFDS_IS_LONG = PollSyscalls.NFDS_IS_LONG;
    private static final MethodHandle POLL = Ffm.libc("poll",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, NFDS_IS_LONG ? JAVA_LONG : JAVA_INT, JAVA_INT));

    @Override
    public int poll(long fds, int nfds, int timeout) {
        try {
            return NFDS_IS_LONG ? (int) POLL.invokeExact(Ffm.errnoState(), fds, (long) nfds, timeout)
                    : (int) POLL.invokeExact(Ffm.errnoState(), fds, nfds, timeout);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }
}
