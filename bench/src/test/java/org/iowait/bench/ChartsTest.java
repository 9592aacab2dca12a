package org.iowait.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    /** The shape JMH 1.37 writes with -rf json (trimmed to the fields read). */
    private static String run(String benchmark, String impl, String param, int value, double... scores) {
        StringBuilder raw = new StringBuilder();
        for (double s : scores) {
            raw.append(raw.length() == 0 ? "" : ", ").append(s);
        }
        return """
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "org.iowait.bench.%s.run",
                    "mode" : "avgt",
                    "params" : { "impl" : "%s"%s },
                    "primaryMetric" : {
                        "score" : 1.0, "scoreError" : "NaN", "scoreUnit" : "ns/op",
                        "rawData" : [ [ %s ] ]
                    },
                    "secondaryMetrics" : { "gc.alloc.rate.norm" : { "score" : 0.0, "rawData" : [ [ 0.0 ] ] } }
                }""".formatted(benchmark, impl, param == null ? "" : ", \"" + param + "\" : \"" + value + "\"", raw);
    }

    @Test
    @DisplayName("JMH's JSON is read into runs with parameters and the median of the iterations")
    void readsJmhJson() {
        List<JmhJson.Run> runs = JmhJson.read("[" + run("PingPong", "iowait-epoll", "idle", 1000, 3, 1, 2) + ","
                + run("Wakeup", "jdk-nio", null, 0, 4, 6) + "]");
        assertEquals(2, runs.size());
        assertEquals("PingPong", runs.get(0).benchmark());
        assertEquals(Map.of("impl", "iowait-epoll", "idle", "1000"), runs.get(0).params());
        assertEquals(2.0, runs.get(0).median());
        assertEquals(5.0, runs.get(1).median());
        assertThrows(IllegalArgumentException.class, () -> JmhJson.read("{\"benchmark\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> JmhJson.read("[1, 2"));
    }

    @Test
    @DisplayName("the forks of one benchmark and parameters, each a JMH run in its own file, are read as one run")
    void joinsForksFromSeparateFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("PingPong-jdk-nio-idle0-fork1.json"), "[" + run("PingPong", "jdk-nio", "idle", 0,
                4400, 4410, 4420) + "]");
        Files.writeString(dir.resolve("PingPong-jdk-nio-idle0-fork2.json"), "[" + run("PingPong", "jdk-nio", "idle", 0,
                5600, 5610, 5620) + "]");
        Files.writeString(dir.resolve("PingPong-jdk-nio-idle0-fork3.json"), "[" + run("PingPong", "jdk-nio", "idle", 0,
                4500, 4510, 4520) + "]");
        Files.writeString(dir.resolve("PingPong-jdk-nio-idle8000.json"), "[" + run("PingPong", "jdk-nio", "idle", 8000,
                4700) + "]");
        List<JmhJson.Run> runs = JmhJson.readDir(dir);
        assertEquals(2, runs.size());
        assertEquals(Map.of("impl", "jdk-nio", "idle", "0"), runs.get(0).params());
        assertEquals(3, runs.get(0).forks().length);
        assertEquals(4510.0, runs.get(0).median()); // the median of the three forks' medians
        assertEquals(1, runs.get(1).forks().length);
        assertEquals(4700.0, runs.get(1).median());
    }

    @Test
    @DisplayName("one PNG per benchmark, embedded in RESULTS.md; a second run replaces the section")
    void drawsAndEmbeds(@TempDir Path dir) throws Exception {
        Path json = Files.createDirectories(dir.resolve("json"));
        Files.writeString(json.resolve("a.json"), "[" + run("PingPong", "iowait-epoll", "idle", 0, 1800, 1900) + ","
                + run("PingPong", "jdk-nio", "idle", 0, 1300) + "," + run("PingPong", "jdk-nio", "idle", 8000, 1350)
                + "," + run("ManyReady", "jdk-nio", "ready", 100, 9000) + "," + run("Wakeup", "jdk-nio", null, 0, 700) + "]");
        Path floor = dir.resolve("floor.txt");
        Files.writeString(floor, "epoll 0 1286\nepoll 8000 1290\npoll 0 1400\n");
        Path results = dir.resolve("RESULTS.md");
        Files.writeString(results, "# results\n\n| table |\n");
        Charts.main(new String[] {json.toString(), results.toString(), floor.toString()});
        Charts.main(new String[] {json.toString(), results.toString(), floor.toString()});
        for (String name : new String[] {"pingpong", "manyready", "wakeup"}) {
            BufferedImage png = ImageIO.read(dir.resolve("charts").resolve(name + ".png").toFile());
            assertEquals(900, png.getWidth(), name);
            assertEquals(520, png.getHeight(), name);
        }
        String text = Files.readString(results);
        assertTrue(text.startsWith("# results\n\n| table |\n"), text);
        assertEquals(1, text.split("## Charts", -1).length - 1, "the section is replaced, not repeated:\n" + text);
        assertTrue(text.contains("![pingpong](charts/pingpong.png)"), text);
        assertEquals(Map.of(0, 1286.0, 8000, 1290.0), Charts.floor(floor, "epoll"));
    }
}
