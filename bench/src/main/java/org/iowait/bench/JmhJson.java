package org.iowait.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what JMH writes with {@code -rf json}: the benchmark, its parameters and every measured iteration, so the
 * charts come from the run's own files. A small reader for JSON's whole grammar: the bench module has no JSON
 * library, and JMH's output is all it reads.
 */
final class JmhJson {
    /** One benchmark run: e.g. {@code PingPong}, {@code {impl=iowait-epoll, idle=0}}, each fork's iteration scores. */
    record Run(String benchmark, Map<String, String> params, double[][] forks) {
        /** @return the median over the forks of each fork's median iteration, as RESULTS.md's tables give it */
        double median() {
            return JmhJson.median(Arrays.stream(forks).mapToDouble(JmhJson::median).toArray());
        }
    }

    /** @return the median of {@code values}, NaN for none */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private final String text;
    private int at;

    private JmhJson(String text) {
        this.text = text;
    }

    /**
     * @return every run in every {@code *.json} file of {@code dir}, in file-name order, the forks of one benchmark and
     *         parameters (BenchMain runs each fork of a target's side as a JMH run of its own) joined into one run
     */
    static List<Run> readDir(Path dir) throws IOException {
        List<Run> runs = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                runs.addAll(read(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return joinForks(runs);
    }

    /** @return {@code runs} with the runs of the same benchmark and parameters joined, in first-seen order */
    static List<Run> joinForks(List<Run> runs) {
        record Key(String benchmark, Map<String, String> params) {
        }
        Map<Key, List<double[]>> forks = new LinkedHashMap<>();
        for (Run run : runs) {
            forks.computeIfAbsent(new Key(run.benchmark(), run.params()), k -> new ArrayList<>())
                    .addAll(Arrays.asList(run.forks()));
        }
        List<Run> joined = new ArrayList<>();
        forks.forEach((key, all) -> joined.add(new Run(key.benchmark(), key.params(), all.toArray(double[][]::new))));
        return joined;
    }

    /**
     * @return the implementation as BenchMain names it, with the JDK and, for iowait, the native layer of its fork:
     *         {@code "iowait-epoll (ffm, JDK 25)"}, {@code "jdk-nio (JDK 17)"}
     */
    static String label(String impl, String jdkVersion, Object jvmArgs) {
        String feature = jdkVersion.replaceFirst("^(\\d+).*", "$1");
        if (!impl.startsWith("iowait-")) {
            return impl + " (JDK " + feature + ")";
        }
        String layer = Integer.parseInt(feature) >= 22 ? "ffm" : "jna";
        if (jvmArgs instanceof List<?> args) {
            for (Object arg : args) {
                if (String.valueOf(arg).startsWith("-Diowait.native=")) {
                    layer = String.valueOf(arg).substring("-Diowait.native=".length());
                }
            }
        }
        return impl + " (" + layer + ", JDK " + feature + ")";
    }

    @SuppressWarnings("unchecked")
    static List<Run> read(String json) {
        Object parsed = new JmhJson(json).document();
        if (!(parsed instanceof List<?> list)) {
            throw new IllegalArgumentException("JMH JSON is an array of runs; found " + describe(parsed));
        }
        List<Run> runs = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> run = (Map<String, Object>) item;
            String name = (String) run.get("benchmark");
            String benchmark = name.substring(0, name.lastIndexOf('.'));
            benchmark = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Map<String, String> params = new LinkedHashMap<>();
            Object p = run.get("params");
            if (p instanceof Map<?, ?> map) {
                map.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
            }
            if (params.containsKey("impl") && run.get("jdkVersion") instanceof String jdk) {
                params.put("impl", label(params.get("impl"), jdk, run.get("jvmArgs")));
            }
            Map<String, Object> primary = (Map<String, Object>) run.get("primaryMetric");
            List<double[]> forks = new ArrayList<>();
            for (Object fork : (List<Object>) primary.get("rawData")) {
                forks.add(((List<Object>) fork).stream().mapToDouble(score -> ((Number) score).doubleValue()).toArray());
            }
            runs.add(new Run(benchmark, params, forks.toArray(double[][]::new)));
        }
        return runs;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    private Object document() {
        Object value = value();
        space();
        if (at != text.length()) {
            throw error("text after the document");
        }
        return value;
    }

    private Object value() {
        space();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{' -> {
                return object();
            }
            case '[' -> {
                return array();
            }
            case '"' -> {
                return string();
            }
            default -> {
                if (text.startsWith("true", at)) {
                    at += 4;
                    return Boolean.TRUE;
                }
                if (text.startsWith("false", at)) {
                    at += 5;
                    return Boolean.FALSE;
                }
                if (text.startsWith("null", at)) {
                    at += 4;
                    return null;
                }
                if (text.startsWith("\"NaN\"", at)) {
                    at += 5;
                    return Double.NaN;
                }
                return number();
            }
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        space();
        if (peek() == '}') {
            at++;
            return map;
        }
        for (;;) {
            space();
            String key = string();
            space();
            expect(':');
            map.put(key, value());
            space();
            if (peek() == ',') {
                at++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        at++;
        space();
        if (peek() == ']') {
            at++;
            return list;
        }
        for (;;) {
            list.add(value());
            space();
            if (peek() == ',') {
                at++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        throw error("unterminated string");
    }

    private Double number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw error("unexpected character '" + text.charAt(at) + "'");
        }
        return Double.parseDouble(text.substring(start, at));
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("bad JMH JSON at character " + at + ": " + what);
    }
}
