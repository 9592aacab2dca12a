package org.iowait.kqueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In the libkqueue run ({@code -Diowait.kqueue.oracle=libkqueue}) only: disables, by display name, the cases that a C
 * reproducer under src/test/c proves to be libkqueue's deviation from the BSDs (the README lists them), and every case
 * when the build script could not build libkqueue (its reason is in {@code SKIPPED} beside the library). Nested TCK
 * groups inherit it from the class that registers it.
 */
public final class LibkqueueDeviations implements ExecutionCondition {
    static final Map<String, String> EXCLUDED = Map.of(
            "a change for a bad fd comes back as an EV_ERROR event with EBADF in data",
            "libkqueue loses the EV_ERROR entry when the eventlist has room left (src/test/c/libkqueue_lost_error.c)",
            "a registered fd closed while a dup keeps its file open, then unregistered, leaves select waiting quietly",
            "libkqueue keeps watching the file a dup keeps open, so every wait returns at once "
                    + "(src/test/c/libkqueue_closed_dup.c)");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"libkqueue".equals(System.getProperty("iowait.kqueue.oracle"))) {
            return ConditionEvaluationResult.enabled("not the libkqueue run");
        }
        Path library = Path.of(System.getProperty(KqueueSyscalls.LIBRARY_PROPERTY));
        Path skipped = library.resolveSibling("SKIPPED");
        if (Files.exists(skipped)) {
            try {
                return ConditionEvaluationResult.disabled("libkqueue run skipped: " + Files.readString(skipped).strip());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String reason = EXCLUDED.get(context.getDisplayName());
        return reason == null ? ConditionEvaluationResult.enabled("no known libkqueue deviation")
                : ConditionEvaluationResult.disabled("libkqueue deviation: " + reason);
    }
}
