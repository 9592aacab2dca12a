package org.iowait.kqueue;

import java.lang.invoke.MethodHandles;

import org.iowait.posix.NativeLayer;

/**
 * kqueue(2) and kevent(2) in {@link KqueueSyscalls#LIBRARY}, bound once by the running {@link NativeLayer}:
 * {@link KqueueJna} or {@code KqueueFfm} (JDK 22+). Raw results; after -1 read {@code Errno.lastErrno()} at once.
 */
interface KqueueCalls {
    KqueueCalls CALLS = NativeLayer.bind(MethodHandles.lookup(), KqueueCalls.class, "org.iowait.kqueue.KqueueFfm",
            KqueueJna::new);

    int kqueue();

    int kevent(int kq, long changelist, int nchanges, long eventlist, int nevents, long timeout);

    /** Calls libkqueue's {@code libkqueue_drain_pending_close()} where the library has it; else nothing. */
    void drainPendingClose();
}
