package org.iowait.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C floor as BenchMain reads it, and measures it again between the forks of a target. */
class FloorTest {
    @TempDir
    Path dir;

    @Test
    void roundsReplaceTheFigureFromBeforeTheRun() throws Exception {
        Path binary = dir.resolve("floor");
        Process cc = new ProcessBuilder("cc", "-O2", "-o", binary.toString(), "src/main/c/floor.c").inheritIO().start();
        assumeTrue(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0, "no C compiler");
        Path file = dir.resolve("floor.txt");
        // a figure no machine measures, so a round that replaced it shows
        Files.writeString(file, "epoll 0 999999999\npoll 0 888\n");
        Floor floor = Floor.read(file, binary);
        floor.measure("epoll", 0);
        floor.measure("epoll", 0);
        floor.measure("epoll", 1000); // not in the file: nothing to replace, not run
        Map<String, Double> figures = floor.figures();
        assertEquals(List.of("epoll 0", "poll 0"), List.copyOf(figures.keySet()));
        assertEquals(2, floor.rounds("epoll 0"));
        assertTrue(figures.get("epoll 0") > 0 && figures.get("epoll 0") < 999999999, figures.toString());
        assertEquals(888, figures.get("poll 0"), "a figure without rounds stays bench/run's");
        assertEquals(0, floor.rounds("epoll 1000"));
        floor.write(file);
        // written as floor.c writes, to the nearest nanosecond (the median of two runs may end in .5)
        assertEquals(figures.get("epoll 0"), Floor.read(file, null).figures().get("epoll 0"), 0.5);
    }

    @Test
    void aFailingRunIsSkipped() throws Exception {
        Path file = dir.resolve("floor.txt");
        Files.writeString(file, "epoll 0 2000\n");
        Floor floor = Floor.read(file, Path.of("/bin/false"));
        floor.measure("epoll", 0);
        assertEquals(0, floor.rounds("epoll 0"));
        assertEquals(2000, floor.figures().get("epoll 0"));
        assertFalse(Floor.read(dir.resolve("missing.txt"), null).isMeasured(), "no C compiler: no figures");
    }
}
