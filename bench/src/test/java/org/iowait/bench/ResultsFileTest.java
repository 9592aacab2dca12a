package org.iowait.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesOnlyItsOwnSectionAndKeepsTheOthers() throws IOException {
        Path results = dir.resolve("RESULTS.md");
        Files.writeString(results, "# Results\n\n## A\n\nold a\n\n## Charts\n\nold charts\n\n## B\n\nb\n");
        ResultsFile.replaceSection(results, "## Charts", "## Charts\n\nnew charts\n");
        assertEquals("# Results\n\n## A\n\nold a\n\n## Charts\n\nnew charts\n\n## B\n\nb\n", Files.readString(results));
        ResultsFile.replaceSection(results, "## B", "## B\n\nnew b");
        assertEquals("# Results\n\n## A\n\nold a\n\n## Charts\n\nnew charts\n\n## B\n\nnew b\n", Files.readString(results));
    }

    @Test
    void appendsASectionThatIsNotThereAndDoesNotMistakeAPrefixForIt() throws IOException {
        Path results = dir.resolve("RESULTS.md");
        Files.writeString(results, "## Charts and more\n\nx\n");
        ResultsFile.replaceSection(results, "## Charts", "## Charts\n\ny\n");
        assertEquals("## Charts and more\n\nx\n\n## Charts\n\ny\n", Files.readString(results));
        ResultsFile.replaceSection(dir.resolve("new.md"), "## Charts", "## Charts\n\nz\n");
        assertEquals("## Charts\n\nz\n", Files.readString(dir.resolve("new.md")));
    }
}
