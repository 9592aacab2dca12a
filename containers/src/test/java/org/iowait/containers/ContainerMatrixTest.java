package org.iowait.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Ulimit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The TCK runner jar in Debian bookworm containers built by {@code .ci/containers.sh setup}: a clean amd64 userland,
 * arm64 and s390x (big-endian) under qemu-user, the 32-bit (ILP32) i386 and armhf userlands, a seccomp profile that
 * denies epoll and eventfd, and a 64-fd limit; and the fds module's tests (FdsTestsProbe) on amd64 and s390x.
 * With {@code CI=true} a missing Docker engine or image is a failure; elsewhere these tests are skipped with the reason.
 */
class ContainerMatrixTest {
    private static final Path TCK_JAR = Path.of("..", "tck", "target", "iowait-tck.jar").toAbsolutePath().normalize();
    private static final Path PROBE_CLASSES = Path.of("target", "test-classes").toAbsolutePath();
    private static final Path FDS = Path.of("..", "fds", "target").toAbsolutePath().normalize();
    private static final ImagePullPolicy NEVER_PULL = image -> false; // there is no registry: local images only
    private static Properties images;

    @BeforeAll
    static void requireDocker() throws IOException {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String why = null;
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            why = "no Docker engine answers";
        } else {
            Path list = Path.of(System.getenv().getOrDefault("IOWAIT_IMAGE_CACHE", "/var/cache/iowait-images"),
                    "images.properties");
            if (!Files.exists(list)) {
                why = "no images: " + list + " is missing";
            } else {
                images = new Properties();
                try (InputStream in = Files.newInputStream(list)) {
                    images.load(in);
                }
            }
        }
        if (why != null) {
            String how = why + " (run `bash .ci/containers.sh setup` as root first, or pass -Diowait.containers.skip=true)";
            if (ci) {
                fail("the container matrix is required in CI: " + how);
            }
            assumeTrue(false, how);
        }
        assertTrue(Files.exists(TCK_JAR), "the TCK runner jar is built by the cli module: " + TCK_JAR);
    }

    private static String image(String arch) {
        String tag = images.getProperty(arch);
        if (tag == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("no " + arch + " image in the image list " + images);
            }
            assumeTrue(false, "no " + arch + " image built");
        }
        return tag;
    }

    /** Runs {@code command} in a fresh container of {@code arch}'s image; returns its output, ending with EXIT=n. */
    private static String run(String arch, String command, Duration limit, Consumer<CreateContainerCmd> tweak) {
        long start = System.nanoTime();
        try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image(arch)))) {
            container.withImagePullPolicy(NEVER_PULL)
                    .withCopyFileToContainer(MountableFile.forHostPath(TCK_JAR), "/iowait/iowait-tck.jar")
                    .withCopyFileToContainer(MountableFile.forHostPath(PROBE_CLASSES), "/iowait/probe")
                    .withCopyFileToContainer(MountableFile.forHostPath(fdsJar()), "/iowait/iowait-fds.jar")
                    .withCopyFileToContainer(MountableFile.forHostPath(FDS.resolve("test-classes")), "/iowait/fds-tests")
                    .withCommand("sh", "-c", command + " 2>&1; echo EXIT=$?")
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(limit))
                    .withCreateContainerCmdModifier(tweak);
            container.start();
            String output = container.getLogs();
            System.out.printf("---- %s: %s (%.0f s)%n%s%n", arch, command, (System.nanoTime() - start) / 1e9, output);
            return output;
        }
    }

    private static String tck(String arch, double factor, String args) {
        return tck(arch, "", factor, args);
    }

    private static String tck(String arch, String jvmOptions, double factor, String args) {
        Duration limit = Duration.ofMinutes(Math.round(25 * Math.max(1, factor / 8)));
        // A JVM that dies prints its crash report into the log (which thread, which frame), not into a file the
        // container takes with it.
        return run(arch, "java -XX:+ErrorFileToStdout " + jvmOptions + " -Diowait.tck.timeoutFactor=" + factor
                + " -jar /iowait/iowait-tck.jar " + args, limit, cmd -> { });
    }

    /** @return the fds module's jar, built earlier in the reactor (the pom's test dependency orders it) */
    private static Path fdsJar() {
        try (var jars = Files.list(FDS)) {
            return jars.filter(p -> p.getFileName().toString().matches("iowait-fds-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no iowait-fds jar in " + FDS));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every test of the fds module (each source on epoll, poll and select) inside {@code arch}'s container. */
    private static void assertFdSourcesPass(String arch, double factor, int children) {
        String output = run(arch, "java -Diowait.tck.timeoutFactor=" + factor + " -Diowait.fds.children=" + children
                + " -cp /iowait/iowait-tck.jar:/iowait/iowait-fds.jar:/iowait/fds-tests:/iowait/probe "
                + FdsTestsProbe.class.getName(), Duration.ofMinutes(25), cmd -> { });
        assertTrue(output.contains("PROBE PASS"), output);
        assertTrue(output.contains("EXIT=0"), output);
    }

    private static void assertPassed(String output) {
        assertTrue(output.contains("VERDICT: PASS"), "the kit passed:\n" + output);
        assertTrue(output.contains("EXIT=0"), "the runner exited 0:\n" + output);
    }

    @Test
    @DisplayName("Debian bookworm amd64, OpenJDK 17, clean userland: the whole kit passes on every available backend")
    void debianAmd64() {
        String output = tck("amd64", 2, "");
        assertPassed(output);
        assertTrue(output.contains("arch amd64"), output);
        assertTrue(output.matches("(?s).*on \\[epoll, poll, select\\].*"), output);
    }

    @Test
    @DisplayName("Debian bookworm arm64 under qemu: the whole kit passes, epoll with its 16-byte epoll_event included")
    void debianArm64() {
        String output = tck("arm64", 8, "");
        assertPassed(output);
        assertTrue(output.contains("arch aarch64"), output);
        assertTrue(output.matches("(?s).*on \\[epoll, poll, select\\].*"), output);
    }

    @Test
    @DisplayName("Debian bookworm s390x (big-endian) under qemu: the whole kit passes, select's fd_set words included")
    void debianS390x() {
        String output = tck("s390x", 8, "");
        assertPassed(output);
        assertTrue(output.contains("arch s390x") && output.contains("big-endian"), output);
        assertTrue(output.matches("(?s).*on \\[epoll, poll, select\\].*"), output);
    }

    @Test
    @DisplayName("Debian bookworm i386 (ILP32: 4-byte pointers and size_t, 12-byte packed epoll_event, 32-bit fd_set "
            + "words, 8-byte timeval): the whole kit passes on epoll, poll and select")
    void debianI386() {
        // Where the kernel refuses i386 binaries, containers.sh registers qemu-i386. HotSpot's compiled code takes
        // signals (safepoint polls, implicit null checks) that qemu-i386 does not hand back in a form the JVM can
        // resolve: even a plain Java program dies in ThreadSafepointState::handle_polling_page_exception. The
        // interpreter takes no such signal, so under emulation the JVM runs with -Xint; natively, with its JIT.
        // Interpreted under qemu, the kit's slowest cases need more than its fixed 120 s per-test cap (which the
        // timeout factor does not stretch), so that cap is lifted there; the container's own limit still holds.
        // One emulated run in three here (2026-12-02, OpenJDK 17.0.19) died inside HotSpot, in os::PlatformEvent::park
        // ("guarantee(_nParked == 0) failed": a thread found its own park event marked in use), a JVM invariant broken
        // under qemu-i386 only, never natively nor on the other emulated rows; its cause was not found. The serial
        // collector runs no GC worker threads that park and wake at every collection, so far fewer such waits pass
        // through the emulator; it changes nothing the kit checks. A crash report, if any, goes to the log.
        boolean emulated = Files.exists(Path.of("/proc/sys/fs/binfmt_misc/qemu-i386"));
        String output = tck("i386",
                emulated ? "-Xint -XX:+UseSerialGC -Djunit.jupiter.execution.timeout.mode=disabled" : "",
                emulated ? 16 : 2, "");
        assertPassed(output);
        assertTrue(output.contains("arch i386"), output);
        assertTrue(output.matches("(?s).*on \\[epoll, poll, select\\].*"), output);
    }

    @Test
    @DisplayName("Debian bookworm armhf under qemu (ILP32 EABI: 16-byte epoll_event with data at 8): the whole kit passes "
            + "on epoll, poll and select")
    void debianArmhf() {
        String output = tck("armhf", 8, "");
        assertPassed(output);
        assertTrue(output.contains("arch arm,"), output);
        assertTrue(output.matches("(?s).*on \\[epoll, poll, select\\].*"), output);
    }

    @Test
    @DisplayName("seccomp denying epoll_create(1) and eventfd(2): DefaultSelector falls back to poll, says why, and poll passes")
    void seccompFallback() throws IOException {
        String profile;
        try (InputStream in = ContainerMatrixTest.class.getResourceAsStream("/seccomp-no-epoll.json")) {
            profile = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String output = run("amd64", "java -Diowait.tck.timeoutFactor=2 -jar /iowait/iowait-tck.jar",
                Duration.ofMinutes(20), cmd -> cmd.getHostConfig().withSecurityOpts(List.of("seccomp=" + profile)));
        assertPassed(output);
        assertTrue(output.matches("(?s).*epoll +priority 400 +unavailable: epoll_create1\\(EPOLL_CLOEXEC\\): EPERM.*"),
                "describe() says why epoll is unavailable:\n" + output);
        assertTrue(output.matches("(?s).*poll +priority 200 +default .*"), "DefaultSelector falls back to poll:\n" + output);
        assertTrue(output.matches("(?s).*on \\[poll, select\\].*"), output);
    }

    @Test
    @DisplayName("--ulimit nofile=64: the limit gives ErrnoException EMFILE, nothing leaks, and all works after closing")
    void fdLimit() {
        String output = run("amd64", "java -cp /iowait/iowait-tck.jar:/iowait/probe " + FdLimitProbe.class.getName(),
                Duration.ofMinutes(5),
                cmd -> cmd.getHostConfig().withUlimits(new Ulimit[] {new Ulimit("nofile", 64L, 64L)}));
        assertTrue(output.contains("PROBE PASS"), output);
        assertTrue(output.contains("EMFILE"), output);
        assertEquals(true, output.contains("EXIT=0"), output);
    }

    @Test
    @DisplayName("fd sources in Debian bookworm amd64: every iowait-fds test on epoll, poll and select (200 children)")
    void fdSourcesAmd64() {
        assertFdSourcesPass("amd64", 2, 200);
    }

    @Test
    @DisplayName("fd sources in Debian bookworm s390x under qemu: big-endian itimerspec, inotify_event, eventfd counts, "
            + "pidfd_open's syscall number (20 children: each exec is emulated)")
    void fdSourcesS390x() {
        assertFdSourcesPass("s390x", 8, 20);
    }
}
