package org.iowait.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deploys the reactor with {@code -Prelease} to {@code target/staging-repo}, then builds and runs each standalone
 * project under {@code examples/} as a user would: its own pom, {@code examples/settings.xml}, and an empty local
 * repository, so every org.iowait artifact must come from the staging repository (checked afterwards).
 */
class ConsumerProjectsTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("iowait.examples.dir"));
    private static final Path ROOT = EXAMPLES.getParent();
    private static final Path STAGING = Path.of(System.getProperty("iowait.staging.repo"));
    private static final Path LOCAL_REPO = EXAMPLES.resolve("target/consumer-m2");
    private static final String VERSION = System.getProperty("iowait.version");
    private static final String MVN = Path.of(System.getProperty("maven.home"), "bin", "mvn").toString();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String OPENS_NIO = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    /** The reactor modules that are not published (keep in step with README and .ci/check-reproducible). */
    private static final String NOT_DEPLOYED = "!bench,!containers,!cookbook,!differential,!examples";
    private static final String OPENS_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";

    private static Commands commands;

    @BeforeAll
    static void stage() throws Exception {
        // Maven refuses to deploy offline, even to a file; CI is online, so there a skip would hide a regression.
        boolean offline = "offline=true".equals(System.getProperty("iowait.offline"));
        assumeFalse(offline && !"true".equals(System.getenv("CI")),
                "Maven runs offline (-o): no staging repository can be deployed, so the consumer projects are skipped");
        commands = new Commands(EXAMPLES.resolve("target/consumer-logs"));
        deleteTree(STAGING);
        deleteTree(LOCAL_REPO);
        commands.run(ROOT, "release-deploy", 30, Commands.command(MVN, "-B", "-Prelease", "deploy", "-DskipTests",
                "-Dmaven.test.skip=true", "-pl", NOT_DEPLOYED,
                "-Dmaven.repo.local=" + System.getProperty("iowait.m2.cache"))).expectExit(0);
        assertTrue(Files.isDirectory(STAGING.resolve("org/iowait/iowait-bom")), "the BOM was staged");
    }

    /** Builds one example with a fresh local repository and the staging settings. */
    private static Commands.Result mvn(String example, String name, String... args) throws Exception {
        List<String> command = Commands.command(MVN, "-B", "-s", EXAMPLES.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + LOCAL_REPO, "-Diowait.staging=" + STAGING.toUri(),
                "-Diowait.m2.cache=" + Path.of(System.getProperty("iowait.m2.cache")).toUri(),
                "-Diowait.version=" + VERSION, "clean", "package");
        command.addAll(List.of(args));
        Commands.Result result = commands.run(EXAMPLES.resolve(example), name, 20, command).expectExit(0);
        assertEverythingFromStaging();
        return result;
    }

    private static Commands.Result run(String example, String name, int exit, String... command) throws Exception {
        return commands.run(EXAMPLES.resolve(example), name, 5, List.of(command)).expectExit(exit);
    }

    @Test
    void pickPollChoosesWhatIsOnTheClassPath() throws Exception {
        String cp = "target/classes:target/lib/*";
        mvn("pick-poll", "pick-poll");
        assertEquals(List.of("iowait-api", "iowait-backend-poll", "iowait-posix", "jna"), libs("pick-poll/target/lib"));
        Commands.assertSingleLine("backend=poll ready=0", run("pick-poll", "pick-poll-run", 0, JAVA, "-cp", cp,
                "example.pick.PickPoll"));

        mvn("pick-poll", "pick-poll-epoll", "-Pepoll");
        Commands.assertSingleLine("backend=epoll ready=0", run("pick-poll", "pick-poll-epoll-run", 0, JAVA, "-cp", cp,
                "example.pick.PickPoll"));

        mvn("pick-poll", "pick-poll-none", "-Dno-backend");
        assertEquals(List.of("iowait-api"), libs("pick-poll/target/lib"));
        String error = run("pick-poll", "pick-poll-none-run", 3, JAVA, "-cp", cp, "example.pick.PickPoll").output();
        assertTrue(error.startsWith("error: no available iowait backend"), error);
        assertTrue(error.contains("iowait-backend-poll"), "the error names the jar to add: " + error);
    }

    @Test
    void thirdPartyBackendIsChosenAndPassesThePublishedKit() throws Exception {
        // Its package phase runs its tests: the whole SelectorTck and DefaultChoiceTest, with the README's argLine.
        mvn("third-party-backend", "third-party");
        Path reports = EXAMPLES.resolve("third-party-backend/target/surefire-reports");
        String kit = Files.readString(reports.resolve("TEST-example.counting.CountingSelectorTckTest.xml"));
        // The kit's groups are nested classes: their cases are counted here, not in the suite's totals.
        long cases = kit.lines().filter(l -> l.contains("<testcase ")).count();
        assertTrue(cases >= 50, cases + " test cases in " + reports);
        assertFalse(kit.contains("<failure") || kit.contains("<error"), "kit report: " + reports);
        assertTrue(Files.exists(reports.resolve("TEST-example.counting.DefaultChoiceTest.xml")), "choice test ran");

        String cp = "target/counting-backend-1.0.jar:target/lib/*";
        String listed = run("third-party-backend", "third-party-tckmain", 0, JAVA, OPENS_IO, OPENS_NIO, "-cp", cp,
                "org.iowait.tck.TckMain", "--backend", "counting").output();
        assertTrue(listed.contains("counting"), "TckMain lists the third-party provider: " + listed);
        assertTrue(listed.contains("VERDICT: PASS"), listed);

        String missing = run("third-party-backend", "third-party-tckmain-no-opens", 2, JAVA, "-cp", cp,
                "org.iowait.tck.TckMain", "--backend", "counting").output();
        assertTrue(missing.contains("--add-opens java.base/sun.nio.ch=ALL-UNNAMED"), missing);
        assertFalse(missing.contains("Failures:"), "one up-front message, not one failure per test: " + missing);

        // The same check through JUnit, as a build tool without the argLine runs the kit: one failure, no test run.
        String launcher = EXAMPLES.resolve("src/test/launch/RunTests.java").toString();
        Commands.Result junit = run("third-party-backend", "third-party-junit-no-opens", 0, JAVA, "-cp",
                "target/test-classes:" + cp, launcher, "example.counting.CountingSelectorTckTest");
        List<String> lines = junit.output().lines().toList();
        assertEquals("tests started=0 containers failed=1 tests failed=0", lines.get(0), junit.output());
        assertEquals(2, lines.size(), junit.output());
        assertTrue(lines.get(1).startsWith("failure: The iowait TCK cannot run") && lines.get(1).contains(
                "<argLine>--add-opens java.base/java.io=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED"
                + "</argLine>"), junit.output());
    }

    @Test
    void modularAppFindsBackendsThroughProvidesAndItsJlinkImageRuns() throws Exception {
        mvn("modular-app", "modular-app");
        String expected = "module=example.modular providers=epoll,poll,select backend=epoll readable=true";
        Commands.assertSingleLine(expected, run("modular-app", "modular-app-run", 0, JAVA,
                "--add-opens=java.base/sun.nio.ch=org.iowait", "-p", "target/modules",
                "-m", "example.modular/example.modular.Main"));
        Path launcher = EXAMPLES.resolve("modular-app/target/image/bin/modular-app");
        Commands.assertSingleLine(expected, run("modular-app", "modular-app-image", 0, launcher.toString()));
    }

    @Test
    void fatJarKeepsEveryProviderAndChoosesEpoll() throws Exception {
        mvn("fat-jar", "fat-jar");
        Path jar = EXAMPLES.resolve("fat-jar/target/fat-app.jar");
        try (JarFile file = new JarFile(jar.toFile());
                InputStream in = file.getInputStream(file.getEntry("META-INF/services/org.iowait.spi.SelectorProvider"))) {
            List<String> providers = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).sorted().toList();
            assertEquals(List.of("org.iowait.devpoll.DevpollProvider", "org.iowait.epoll.EpollProvider",
                    "org.iowait.kqueue.KqueueProvider", "org.iowait.poll.PollProvider",
                    "org.iowait.select.SelectProvider"), providers);
        }
        Commands.assertSingleLine("providers=devpoll,epoll,kqueue,poll,select backend=epoll",
                run("fat-jar", "fat-jar-run", 0, JAVA, "-jar", "target/fat-app.jar"));
    }

    /** @return the artifact ids of the jars in {@code dir}, sorted */
    private static List<String> libs(String dir) throws IOException {
        try (Stream<Path> jars = Files.list(EXAMPLES.resolve(dir))) {
            return jars.map(p -> p.getFileName().toString().replaceFirst("-\\d.*", "")).sorted().toList();
        }
    }

    /** Maven records where each artifact came from: every org.iowait file must name the staging repository. */
    private static void assertEverythingFromStaging() throws IOException {
        Path iowait = LOCAL_REPO.resolve("org/iowait");
        assertTrue(Files.isDirectory(iowait), "no org.iowait artifact was resolved into " + LOCAL_REPO);
        try (Stream<Path> files = Files.walk(iowait)) {
            for (Path origin : files.filter(p -> p.getFileName().toString().equals("_remote.repositories")).toList()) {
                for (String line : Files.readAllLines(origin)) {
                    if (!line.startsWith("#") && !line.isBlank()) {
                        assertTrue(line.endsWith(">iowait-staging="), origin + ": " + line);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
