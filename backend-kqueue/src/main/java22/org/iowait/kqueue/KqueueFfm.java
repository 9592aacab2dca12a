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
    /** libkqueue's; absent from every real kqueue. */
    private static final MethodHandle DRAIN_PENDING_CLOSE = LIBRARY.find("libkqueue_drain_pending_close").isEmpty() ? null
            : Ffm.downcall(LIBRARY, "libkqueue_drain_pending_close", FunctionDescriptor.ofVoid());

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

    @Override
    public void drainPendingClose() {
        if (DRAIN_PENDING_CLOSE != null) {
            try {
                DRAIN_PENDING_CLOSE.invokeExact(Ffm.errnoState());
            } catch (Throwable t) {
                throw Ffm.rethrow(t);
            }
        }
    }
}
