package org.iowait.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Virtual-thread support compiled for JDK 17: {@code Thread.isVirtual()} through a method handle looked up once
 * (absent on 17, where every thread is a platform thread), and the {@link VirtualPoller} found once through
 * {@link ServiceLoader}.
 *
 * <pre>{@code
 * if (timeoutNanos != 0 && VirtualThreads.isVirtual(Thread.currentThread()) && VirtualThreads.poller() != null) {
 *     // poll with a zero timeout, then park on the poller
 * }
 * }</pre>
 */
public final class VirtualThreads {
    private static final MethodHandle IS_VIRTUAL = lookupIsVirtual();

    private VirtualThreads() {
    }

    private static MethodHandle lookupIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // JDK 17-20: no virtual threads
        }
    }

    /** @return whether virtual threads exist in this JVM (JDK 21+) */
    public static boolean supported() {
        return IS_VIRTUAL != null;
    }

    /** @return whether {@code thread} is a virtual thread; always false below JDK 21 */
    public static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.isVirtual failed", e);
        }
    }

    /** @return the JVM-wide poller, or null when no module provides one (virtual threads then block their carrier) */
    public static VirtualPoller poller() {
        return PollerHolder.POLLER;
    }

    private static final class PollerHolder {
        static final VirtualPoller POLLER = load();

        private static VirtualPoller load() {
            ClassLoader loader = VirtualThreads.class.getClassLoader();
            try {
                Iterator<VirtualPoller> it = ServiceLoader.load(VirtualPoller.class,
                        loader != null ? loader : ClassLoader.getSystemClassLoader()).iterator();
                return it.hasNext() ? it.next() : null;
            } catch (ServiceConfigurationError | LinkageError e) {
                return null; // a poller that cannot load leaves the blocking wait, which is still correct
            }
        }
    }
}
