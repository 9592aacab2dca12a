package org.iowait.kqueue;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/** {@link KqueueCalls} by JNA direct mapping, in libc or the library {@code -Diowait.kqueue.library} names. */
final class KqueueJna implements KqueueCalls {
    private static final Function DRAIN_PENDING_CLOSE = drainPendingCloseFunction();

    @Override
    public int kqueue() {
        return Natives.kqueue();
    }

    @Override
    public int kevent(int kq, long changelist, int nchanges, long eventlist, int nevents, long timeout) {
        return Natives.kevent(kq, changelist, nchanges, eventlist, nevents, timeout);
    }

    @Override
    public void drainPendingClose() {
        if (DRAIN_PENDING_CLOSE != null) {
            DRAIN_PENDING_CLOSE.invoke(Void.class, new Object[0]);
        }
    }

    private static Function drainPendingCloseFunction() {
        try {
            return NativeLibrary.getInstance(KqueueSyscalls.LIBRARY).getFunction("libkqueue_drain_pending_close");
        } catch (UnsatisfiedLinkError absent) {
            return null;
        }
    }

    private static final class Natives {
        static {
            Native.register(Natives.class, NativeLibrary.getInstance(KqueueSyscalls.LIBRARY));
        }

        static native int kqueue();

        static native int kevent(int kq, long changelist, int nchanges, long eventlist, int nevents, long timeout);
    }
}
