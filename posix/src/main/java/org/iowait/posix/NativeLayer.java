package org.iowait.posix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Which native layer binds the system calls, decided once per JVM: {@code java.lang.foreign} (FFM, final since
 * JDK 22) on JDK 22+, JNA direct mapping below. {@code -Diowait.native=jna|ffm} forces one; forcing {@code ffm} where it
 * cannot run makes every binding fail with the reason, so each backend reports itself unavailable and says why.
 *
 * <p>Every backend asks this class for its binding ({@link #bind}); the FFM bindings live in the jar's
 * {@code META-INF/versions/22} (a multi-release jar), so JDK 17 never sees them.
 *
 * <pre>{@code
 * System.out.println(NativeLayer.kind() + ": " + NativeLayer.reason());  // FFM: JDK 25 (java.lang.foreign, final since 22)
 * }</pre>
 */
public final class NativeLayer {
    /** The system property that forces a layer. */
    public static final String PROPERTY = "iowait.native";
    /** The first JDK where {@code java.lang.foreign} is final. */
    public static final int FFM_RELEASE = 22;
    /** A class only the FFM part of the jar holds: its presence says the build included the layer. */
    private static final String FFM_PROBE = "org.iowait.posix.Ffm";

    /** The two layers. */
    public enum Kind {
        JNA, FFM;

        /** @return the name {@code -Diowait.native} takes */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Kind KIND;
    private static final String REASON;
    /** Why no layer can run (a bad or unsatisfiable {@code -Diowait.native}); null when one runs. */
    private static final String FAILURE;

    static {
        String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        int feature = Runtime.version().feature();
        String ffmMissing = ffmMissing(feature);
        Kind kind = null;
        String reason = null;
        String failure = null;
        switch (forced) {
            case "" -> {
                if (ffmMissing == null) {
                    kind = Kind.FFM;
                    reason = "JDK " + feature + " (java.lang.foreign, the default on JDK " + FFM_RELEASE + "+)";
                } else {
                    kind = Kind.JNA;
                    reason = "the default here: " + ffmMissing;
                }
            }
            case "jna" -> {
                kind = Kind.JNA;
                reason = "forced by -D" + PROPERTY + "=jna";
            }
            case "ffm" -> {
                if (ffmMissing == null) {
                    kind = Kind.FFM;
                    reason = "forced by -D" + PROPERTY + "=ffm on JDK " + feature;
                } else {
                    failure = "-D" + PROPERTY + "=ffm cannot run here: " + ffmMissing;
                }
            }
            default -> failure = "-D" + PROPERTY + " must be 'jna' or 'ffm', not '" + forced + "'";
        }
        KIND = kind;
        REASON = reason;
        FAILURE = failure;
    }

    private NativeLayer() {
    }

    /** @return null when the FFM layer can run on this JVM, else why not */
    private static String ffmMissing(int feature) {
        if (feature < FFM_RELEASE) {
            return "JDK " + feature + " has no final java.lang.foreign (JDK " + FFM_RELEASE + "+ has)";
        }
        if (!"64".equals(System.getProperty("sun.arch.data.model", "64"))) {
            return "the FFM bindings pass addresses as 64-bit values; this is a 32-bit JVM";
        }
        try {
            Class.forName(FFM_PROBE, false, NativeLayer.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "this build of iowait has no FFM layer (it was built without a JDK " + FFM_RELEASE
                    + "+, so META-INF/versions/" + FFM_RELEASE + " is missing)";
        }
    }

    /**
     * @return the running layer
     * @throws IllegalStateException when {@code -Diowait.native} is invalid or asks for a layer that cannot run
     */
    public static Kind kind() {
        if (FAILURE != null) {
            throw new IllegalStateException(FAILURE);
        }
        return KIND;
    }

    /** @return whether the FFM layer runs (false when none can run: then {@link #kind()} says why) */
    public static boolean isFfm() {
        return KIND == Kind.FFM;
    }

    /** @return why this layer runs, or why none can */
    public static String reason() {
        return FAILURE != null ? FAILURE : REASON;
    }

    /** @return e.g. {@code "native layer ffm: JDK 25 (java.lang.foreign, ...)"}, for {@code describe()} */
    public static String describe() {
        return FAILURE != null ? "no native layer: " + FAILURE : "native layer " + KIND.id() + ": " + REASON;
    }

    /**
     * Returns a binding of {@code api} for the running layer: an instance of {@code ffmClass} (a class of the
     * caller's package with a no-argument constructor, found through the caller's {@code lookup}) on FFM, else
     * {@code jna.get()}. Call it once, into a {@code static final} field, so the JIT sees one implementation.
     *
     * @throws IllegalStateException when no layer can run here, with the reason
     */
    public static <T> T bind(MethodHandles.Lookup lookup, Class<T> api, String ffmClass, Supplier<? extends T> jna) {
        if (kind() == Kind.JNA) {
            return jna.get();
        }
        try {
            Class<?> type = lookup.findClass(ffmClass);
            return api.cast(lookup.findConstructor(type, MethodType.methodType(void.class)).invoke());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create the FFM binding " + ffmClass + ": " + e, e);
        }
    }
}
