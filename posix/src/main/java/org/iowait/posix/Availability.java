package org.iowait.posix;

import java.util.Optional;

/**
 * Runs a provider's availability probe once and keeps why it failed, so that {@code isAvailable()} is cheap and never
 * throws: a missing symbol ({@link UnsatisfiedLinkError}), a JNA that cannot load ({@link NoClassDefFoundError}) and
 * an {@link org.iowait.ErrnoException} from the probing syscall all become the unavailability cause.
 *
 * <pre>{@code
 * private static final Availability AVAILABILITY = Availability.probe(() -> Epoll.open().close());
 * public boolean isAvailable() { return AVAILABILITY.isAvailable(); }
 * }</pre>
 */
public final class Availability {
    /** The probe: does nothing but succeed or throw. */
    @FunctionalInterface
    public interface Probe {
        void run() throws Exception;
    }

    private final Throwable cause;

    private Availability(Throwable cause) {
        this.cause = cause;
    }

    public static Availability probe(Probe probe) {
        try {
            probe.run();
            return new Availability(null);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (ExceptionInInitializerError e) { // a native class refused to load: its reason is the cause
            return new Availability(e.getCause() != null ? e.getCause() : e);
        } catch (Throwable e) { // LinkageError included: an unavailable backend must never break discovery
            return new Availability(e);
        }
    }

    /** @return an unavailable result with {@code reason} */
    public static Availability unavailable(String reason) {
        return new Availability(new UnsupportedOperationException(reason));
    }

    public boolean isAvailable() {
        return cause == null;
    }

    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    /** @throws IllegalStateException with the cause, when unavailable */
    public void check(String backend) {
        if (cause != null) {
            throw new IllegalStateException("the " + backend + " backend is unavailable here: "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.toString()), cause);
        }
    }
}
