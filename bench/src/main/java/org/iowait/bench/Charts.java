package org.iowait.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws {@code bench/run}'s charts from the JMH JSON files of the same run (and the C floor's output), and adds a
 * "Charts" section that embeds them to {@code RESULTS.md}: PingPong ns/op per subject at each idle-fd count with the C
 * floor as a dashed line, ManyReady per ready event, Churn and Wakeup. Usage:
 * {@code Charts JSON-DIR RESULTS.md [C-floor-output]}; the PNGs go to {@code charts/} beside RESULTS.md.
 */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final String[] X_PARAMS = {"idle", "ready", "held"};

    private Charts() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Charts JSON-DIR RESULTS.md [C-floor-output]");
            System.exit(2);
        }
        Path results = Path.of(args[1]);
        List<JmhJson.Run> runs = JmhJson.readDir(Path.of(args[0]));
        Map<Integer, Double> floor = args.length > 2 ? floor(Path.of(args[2]), "epoll") : Map.of();
        List<Path> written = write(runs, floor, results.toAbsolutePath().getParent().resolve("charts"));
        embed(results, written);
        System.out.println("wrote " + written.size() + " charts beside " + results);
    }

    /** The C floor's {@code SYSCALL IDLE NS} lines for one syscall: idle fds → ns/op. */
    static Map<Integer, Double> floor(Path file, String syscall) throws IOException {
        Map<Integer, Double> floor = new TreeMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3 && f[0].equals(syscall)) {
                    floor.put(Integer.parseInt(f[1]), Double.parseDouble(f[2]));
                }
            }
        }
        return floor;
    }

    /** @return the PNG files written, one per benchmark present in {@code runs} */
    static List<Path> write(List<JmhJson.Run> runs, Map<Integer, Double> floor, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, List<JmhJson.Run>> byBenchmark = new LinkedHashMap<>();
        runs.forEach(run -> byBenchmark.computeIfAbsent(run.benchmark(), b -> new ArrayList<>()).add(run));
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<JmhJson.Run>> entry : byBenchmark.entrySet()) {
            String benchmark = entry.getKey();
            JFreeChart chart = switch (benchmark) {
                case "PingPong" -> lines(benchmark + ": one wake-up through a pipe, by idle fds (log scale)",
                        "idle fds", "ns per round trip", dataset(entry.getValue(), false, floor, "C floor (epoll_wait)"));
                case "ManyReady" -> bars(benchmark + ": cost per ready event", "ready fds", "ns per ready event",
                        dataset(entry.getValue(), true, Map.of(), null));
                default -> bars(benchmark, "", "ns per operation", dataset(entry.getValue(), false, Map.of(), null));
            };
            Path png = dir.resolve(benchmark.toLowerCase(Locale.ROOT) + ".png");
            ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
            written.add(png);
        }
        return written;
    }

    /** Rows are subjects (every parameter but the x one), columns the x parameter's values. */
    private static DefaultCategoryDataset dataset(List<JmhJson.Run> runs, boolean perEvent, Map<Integer, Double> floor,
            String floorName) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (JmhJson.Run run : runs) {
            String x = xParam(run);
            String column = x == null ? "" : String.format(Locale.ROOT, "%,d", Integer.parseInt(run.params().get(x)));
            double value = run.median();
            if (perEvent && x != null) {
                value /= Integer.parseInt(run.params().get(x));
            }
            data.addValue(value, subject(run, x), column);
        }
        if (floorName != null && !floor.isEmpty()) {
            for (Object column : List.copyOf(data.getColumnKeys())) {
                Double ns = floor.get(Integer.parseInt(column.toString().replace(",", "")));
                if (ns != null) {
                    data.addValue(ns, floorName, column.toString());
                }
            }
        }
        return data;
    }

    private static String xParam(JmhJson.Run run) {
        for (String x : X_PARAMS) {
            if (run.params().containsKey(x)) {
                return x;
            }
        }
        return null;
    }

    /** The subject's name: its implementation and any other non-x parameter (a JDK or native layer, say). */
    private static String subject(JmhJson.Run run, String x) {
        StringBuilder name = new StringBuilder(run.params().getOrDefault("impl", run.benchmark()));
        run.params().forEach((k, v) -> {
            if (!k.equals("impl") && !k.equals(x)) {
                name.append(' ').append(k).append('=').append(v);
            }
        });
        return name.toString();
    }

    private static JFreeChart lines(String title, String x, String y, DefaultCategoryDataset data) {
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getRowCount(); i++) {
            boolean floorRow = data.getRowKey(i).toString().startsWith("C floor");
            renderer.setSeriesStroke(i, floorRow ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, new float[] {8f, 6f}, 0f) : new BasicStroke(2f));
            if (floorRow) {
                renderer.setSeriesPaint(i, Color.BLACK);
            }
        }
        LogAxis axis = new LogAxis(y);
        axis.setSmallestValue(100);
        return chart(title, new CategoryPlot(data, new CategoryAxis(x), axis, renderer));
    }

    private static JFreeChart bars(String title, String x, String y, DefaultCategoryDataset data) {
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        return chart(title, new CategoryPlot(data, new CategoryAxis(x), new NumberAxis(y), renderer));
    }

    private static JFreeChart chart(String title, CategoryPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        ValueAxis range = plot.getRangeAxis();
        range.setLabelFont(range.getLabelFont().deriveFont(Font.PLAIN));
        JFreeChart chart = new JFreeChart(plot);
        chart.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 16)));
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return chart;
    }

    /** Replaces (or adds) the "Charts" section of RESULTS.md with links to the PNGs. */
    static void embed(Path results, List<Path> charts) throws IOException {
        StringBuilder section = new StringBuilder("## Charts\n\nDrawn by `bench/run` from this run's JMH JSON files")
                .append(" (medians; lower is better).\n\n");
        Path base = results.toAbsolutePath().getParent();
        for (Path chart : charts) {
            String name = chart.getFileName().toString().replace(".png", "");
            section.append("![").append(name).append("](").append(base.relativize(chart.toAbsolutePath()))
                    .append(")\n\n");
        }
        ResultsFile.replaceSection(results, "## Charts", section.toString());
    }
}
