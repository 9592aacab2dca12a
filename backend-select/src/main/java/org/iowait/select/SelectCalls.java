package org.iowait.select;

import java.lang.invoke.MethodHandles;

import org.iowait.posix.NativeLayer;

/**
 * select(2), bound once by the running {@link NativeLayer}: {@link SelectJna} or {@code SelectFfm} (JDK 22+).
 * Raw result; after -1 read {@code Errno.lastErrno()} at once.
 */
interface SelectCalls {
    SelectCalls CALLS = NativeLayer.bind(MethodHandles.lookup(), SelectCalls.class, "org.iowait.select.SelectFfm",
            SelectJna::new);

    int select(int nfds, long readfds, long writefds, long exceptfds, long timeout);
}
