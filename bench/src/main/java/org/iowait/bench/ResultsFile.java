package org.iowait.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * RESULTS.md is written in parts by separate programs of one {@code bench/run} (the JMH tables, the charts, the
 * virtual-thread and channels-load sections): each owns one "## " section and replaces only that, so a part rerun on
 * its own leaves the others as they are.
 *
 * <pre>{@code
 * ResultsFile.replaceSection(Path.of("bench/RESULTS.md"), "## Charts", "## Charts\n\n![pingpong](charts/pingpong.png)\n");
 * }</pre>
 */
public final class ResultsFile {
    private ResultsFile() {
    }

    /**
     * Replaces the section that starts with the line {@code heading} (up to the next "## " heading) by
     * {@code section}, or appends {@code section} when there is none.
     */
    public static void replaceSection(Path results, String heading, String section) throws IOException {
        String text = Files.exists(results) ? Files.readString(results, StandardCharsets.UTF_8) : "";
        String body = section.strip() + "\n";
        int start = text.startsWith(heading + "\n") ? 0 : text.indexOf("\n" + heading + "\n");
        if (start < 0) {
            text = text.isBlank() ? body : text.stripTrailing() + "\n\n" + body;
        } else {
            start = start == 0 ? 0 : start + 1;
            int next = text.indexOf("\n## ", start + heading.length());
            text = text.substring(0, start) + body + (next < 0 ? "" : "\n" + text.substring(next + 1));
        }
        Files.writeString(results, text, StandardCharsets.UTF_8);
    }
}
