package org.iowait.kqueue;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import com.sun.jna.Platform;

import org.iowait.posix.Ffm;

/** {@link KqueueCalls} through {@code java.lang.foreign}, in libc or the library {@code -Diowait.kqueue.library} names. */
final class KqueueFfm implements KqueueCalls {
    private static final SymbolLookup LIBRARY = Platform.C_LIBRARY_NAME.equals(KqueueSyscalls.LIBRARY) ? Ffm.libc()
            : Ffm.library(KqueueSyscalls.LIBRARY);
    private static final MethodHandle KQUEUE = Ffm.downcall(LIBRARY, "kqueue", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle KEVENT = Ffm.downcall(LIBRARY, "kevent",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG));

    @Override
    public int kqueue() {
        try {
            return (int) KQUEUE.invokeExact(Ffm.errnoState());
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }

    @Override
    public int kevent(int kq, long changelist, int nchanges, long eventlist, int nevents, long timeout) {
        try {
            return (int) KEVENT.invokeExact(Ffm.errnoState(), kq, changelist, nchanges, eventlist, nevents, timeout);
        } catch (Throwable t) {
            throw Ffm.rethrow(t);
        }
    }
}
