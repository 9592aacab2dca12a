package org.iowait.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.iowait.FileDescriptors;

/**
 * What the kit needs from the JVM that runs it, checked once before any test: without it dozens of tests would each
 * fail with their own exception, and a third party would have to guess the common cause.
 */
final class Prerequisites {
    /** The JDK packages whose private fds the kit hands to the backend (JDK channels, FileDescriptor). */
    private static final List<String> OPENED = List.of("java.io", "sun.nio.ch");

    private Prerequisites() {
    }

    /** @return one message saying exactly what to add to the JVM's options, or empty when nothing is missing */
    static Optional<String> missing() {
        Module reader = FileDescriptors.class.getModule();
        String target = reader.isNamed() ? reader.getName() : "ALL-UNNAMED";
        List<String> flags = new ArrayList<>();
        for (String pkg : OPENED) {
            if (!Object.class.getModule().isOpen(pkg, reader)) {
                flags.add("--add-opens java.base/" + pkg + "=" + target);
            }
        }
        if (flags.isEmpty()) {
            return Optional.empty();
        }
        String options = String.join(" ", flags);
        return Optional.of("The iowait TCK cannot run: the JVM does not let iowait read the fds inside the JDK's "
                + "channels and FileDescriptor. Add to the JVM options of the tests: " + options
                + " (Maven: maven-surefire-plugin <argLine>" + options + "</argLine>; Gradle: test { jvmArgs '"
                + String.join("', '", flags.stream().flatMap(f -> List.of(f.split(" ")).stream()).toList())
                + "' }; java -jar iowait-tck.jar has them in its manifest).");
    }
}
