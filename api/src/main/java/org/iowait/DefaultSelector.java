package org.iowait;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.iowait.spi.SelectorProvider;

/**
 * Opens a selector on the best backend on this host, found by {@link ServiceLoader}: Python's
 * {@code selectors.DefaultSelector}. Put backend jars on the class or module path; the highest
 * {@link SelectorProvider#priority() priority} among the available providers wins (ties by name).
 * {@code -Diowait.backend=NAME} or the environment variable {@code IOWAIT_BACKEND} forces one.
 *
 * <pre>{@code
 * try (Selector selector = DefaultSelector.open()) {
 *     System.out.println("using " + selector.backend());
 * }
 * System.out.println(DefaultSelector.describe());   // every candidate and why it was or wasn't chosen
 * }</pre>
 */
public final class DefaultSelector {
    /** System property that forces a backend by name. */
    public static final String BACKEND_PROPERTY = "iowait.backend";
    /** Environment variable that forces a backend by name (the system property wins). */
    public static final String BACKEND_ENV = "IOWAIT_BACKEND";

    private DefaultSelector() {
    }

    /** @return a new selector from {@link #provider()} */
    public static Selector open() throws IOException {
        return provider().open();
    }

    /**
     * @param backend a provider name such as {@code "poll"}
     * @throws IllegalStateException no such provider, or it is unavailable here; the message lists every candidate
     */
    public static Selector open(String backend) throws IOException {
        return byName(backend).open();
    }

    /**
     * @return the forced provider if {@code iowait.backend}/{@code IOWAIT_BACKEND} is set, else the best available one
     * @throws IllegalStateException nothing usable; the message lists every candidate and why
     */
    public static SelectorProvider provider() {
        String forced = forcedBackend();
        if (forced != null) {
            return byName(forced);
        }
        SelectorProvider best = best();
        if (best == null) {
            throw new IllegalStateException("no available iowait backend on this host\n" + describe());
        }
        return best;
    }

    /** @return what {@link #provider()} returns, or null where it would throw */
    private static SelectorProvider chosen() {
        String forced = forcedBackend();
        for (SelectorProvider provider : Discovery.PROVIDERS) {
            if ((forced == null || provider.name().equals(forced)) && available(provider)) {
                return provider;
            }
        }
        return null;
    }

    private static SelectorProvider best() {
        for (SelectorProvider provider : Discovery.PROVIDERS) {
            if (available(provider)) {
                return provider;
            }
        }
        return null;
    }

    /** @return every provider found, available or not, best first */
    public static List<SelectorProvider> providers() {
        return Discovery.PROVIDERS;
    }

    /** @return a report of every candidate: priority, availability and why, and which one {@link #open()} takes */
    public static String describe() {
        StringBuilder out = new StringBuilder();
        String forced = forcedBackend();
        SelectorProvider chosen = chosen();
        out.append("iowait backends (").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append(", Java ").append(Runtime.version()).append("):\n");
        for (SelectorProvider provider : Discovery.PROVIDERS) {
            out.append(String.format(Locale.ROOT, "  %-8s priority %3d  %s", provider.name(), provider.priority(),
                    provider == chosen ? "CHOSEN" : available(provider) ? "available" : "unavailable"));
            if (!available(provider)) {
                out.append(": ").append(provider.unavailabilityCause().map(DefaultSelector::reason).orElse("no reason given"));
            } else {
                out.append("  modes ").append(provider.modes());
                if (!provider.description().isEmpty()) {
                    out.append("  ").append(provider.description());
                }
            }
            out.append('\n');
        }
        for (String failure : Discovery.FAILURES) {
            out.append("  (failed to load) ").append(failure).append('\n');
        }
        if (Discovery.PROVIDERS.isEmpty()) {
            out.append("  none found: put a backend jar such as iowait-backend-poll on the class path\n");
        }
        if (forced != null) {
            out.append("  forced by ").append(System.getProperty(BACKEND_PROPERTY) != null
                    ? "-D" + BACKEND_PROPERTY : BACKEND_ENV).append('=').append(forced).append('\n');
        }
        out.append("  chosen: ").append(chosen == null ? "none" : chosen.name());
        return out.toString();
    }

    private static boolean available(SelectorProvider provider) {
        try {
            return provider.isAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.toString() : message;
    }

    /** @return the backend forced by {@code -Diowait.backend} or {@code IOWAIT_BACKEND}, if any */
    public static java.util.Optional<String> forced() {
        return java.util.Optional.ofNullable(forcedBackend());
    }

    private static String forcedBackend() {
        String name = System.getProperty(BACKEND_PROPERTY);
        if (name == null || name.isBlank()) {
            name = System.getenv(BACKEND_ENV);
        }
        return name == null || name.isBlank() ? null : name.trim();
    }

    private static SelectorProvider byName(String backend) {
        if (backend == null) {
            throw new NullPointerException("backend name is null");
        }
        for (SelectorProvider provider : Discovery.PROVIDERS) {
            if (provider.name().equals(backend)) {
                if (!available(provider)) {
                    throw new IllegalStateException("iowait backend '" + backend + "' is unavailable here\n"
                            + describe());
                }
                return provider;
            }
        }
        throw new IllegalStateException("no iowait backend named '" + backend + "'\n" + describe());
    }

    /** Providers are discovered once, the first time they are needed; one that fails to load is skipped. */
    private static final class Discovery {
        static final List<String> FAILURES = new ArrayList<>();
        static final List<SelectorProvider> PROVIDERS = discover();

        private static List<SelectorProvider> discover() {
            List<SelectorProvider> found = new ArrayList<>();
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Iterator<SelectorProvider> it = ServiceLoader.load(SelectorProvider.class,
                    loader != null ? loader : DefaultSelector.class.getClassLoader()).iterator();
            for (;;) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    SelectorProvider provider = it.next();
                    if (found.stream().noneMatch(p -> p.getClass() == provider.getClass())) {
                        found.add(provider);
                    }
                } catch (ServiceConfigurationError | LinkageError e) {
                    if (FAILURES.size() >= 100) {
                        break; // a broken iterator must not spin forever
                    }
                    FAILURES.add(reason(e) + (e.getCause() != null ? " (" + reason(e.getCause()) + ")" : ""));
                }
            }
            found.sort(Comparator.comparingInt(SelectorProvider::priority).reversed()
                    .thenComparing(SelectorProvider::name));
            return List.copyOf(found);
        }
    }
}
