package org.iowait.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs scripts through CPython's {@code selectors} in one python3 process per batch (not one per seed), via
 * {@code selectors_driver.py} from this module's test resources.
 */
final class CpythonRunner {
    private final String selectorClass;
    private final Path driver;
    private final Path workDir;

    CpythonRunner(String selectorClass, Path workDir) {
        this.selectorClass = selectorClass;
        this.workDir = workDir;
        try {
            this.driver = Path.of(CpythonRunner.class.getResource("selectors_driver.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return whether python3 runs here, or why not */
    static String unavailability() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import selectors, sys; print(sys.version_info >= (3, 8))")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(60, TimeUnit.SECONDS);
            return out.equals("True") ? null : "python3 >= 3.8 with selectors is needed, got: " + out;
        } catch (IOException e) {
            return "python3 is not on the PATH: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** @return each script's result lines, by seed */
    Map<Long, List<String>> run(List<Script> scripts) throws IOException, InterruptedException {
        Path input = Files.createTempFile(workDir, "scripts-" + selectorClass, ".txt");
        Path output = Files.createTempFile(workDir, "results-" + selectorClass, ".txt");
        Path errors = Files.createTempFile(workDir, "stderr-" + selectorClass, ".txt");
        try {
            StringBuilder text = new StringBuilder();
            scripts.forEach(s -> text.append(s.text()));
            Files.writeString(input, text);
            Process p = new ProcessBuilder("python3", driver.toString(), selectorClass)
                    .redirectInput(input.toFile()).redirectOutput(output.toFile()).redirectError(errors.toFile())
                    .start();
            long minutes = (long) Math.ceil(5 * Double.parseDouble(System.getProperty("iowait.tck.timeoutFactor", "1")));
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("the python3 driver took over " + minutes + " minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("the python3 driver failed (exit " + p.exitValue() + "): "
                        + Files.readString(errors));
            }
            return parse(Files.readAllLines(output));
        } finally {
            for (Path path : new Path[] {input, output, errors}) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static Map<Long, List<String>> parse(List<String> lines) {
        Map<Long, List<String>> results = new HashMap<>();
        List<String> current = null;
        for (String line : lines) {
            if (line.startsWith("seed ")) {
                current = new ArrayList<>();
                results.put(Long.parseLong(line.split(" ")[1]), current);
            } else if (line.equals("end")) {
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return results;
    }
}
