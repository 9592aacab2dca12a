import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Run with the source launcher ({@code java -cp ... RunTests.java CLASS}): runs one test class the way a build tool
 * does, and prints how many tests ran and failed, and each failure's message. The JVM gets no options of its own.
 */
public class RunTests {
    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(args[0])).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        System.out.println("tests started=" + summary.getTestsStartedCount() + " containers failed="
                + summary.getContainersFailedCount() + " tests failed=" + summary.getTestsFailedCount());
        summary.getFailures().forEach(f -> System.out.println("failure: " + f.getException().getMessage()));
    }
}
