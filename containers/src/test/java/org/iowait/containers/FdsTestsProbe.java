package org.iowait.containers;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Run inside a container with the fds module's jar and test classes beside the TCK jar (which carries JUnit, the
 * backends and JNA): runs every test of package {@code org.iowait.fds} — each source on epoll, poll and select — and
 * prints {@code PROBE PASS tests=N} when all of them passed, the failures otherwise.
 */
public final class FdsTestsProbe {
    private FdsTestsProbe() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("org.iowait.fds")).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.printTo(new PrintWriter(System.out, true));
        if (summary.getTotalFailureCount() > 0 || summary.getTestsSucceededCount() == 0) {
            summary.printFailuresTo(new PrintWriter(System.out, true), 30);
            System.out.println("PROBE FAIL");
            System.exit(1);
        }
        System.out.println("PROBE PASS tests=" + summary.getTestsSucceededCount() + " arch="
                + System.getProperty("os.arch"));
    }
}
