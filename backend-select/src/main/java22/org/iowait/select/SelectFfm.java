package org.iowait.select;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import org.iowait.posix.Ffm;

/** {@link SelectCalls} through {@code java.lang.foreign}. */
final class SelectFfm implements SelectCalls {
    private static final MethodHandle SELECT = Ffm.libc("select",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));

    @Override
    public int select(int nfds, long readfds, long writefds, long exceptfds, long timeout) {
        try {
            return (int) SELECT.invokeExact(Ffm.errnoState(), nfds, readfds, writefds, exceptfds, timeout);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }
}
