package org.iowait.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Runs each cookbook program's main and checks what it printed; the output is kept in target/cookbook/. */
class CookbookTest {
    private static final double FACTOR = Double.parseDouble(System.getProperty("iowait.tck.timeoutFactor", "1"));

    /** Runs {@code main} with System.out captured; a hang fails after a generous, scaled deadline. */
    private static String run(Class<?> program) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertTimeoutPreemptively(Duration.ofMillis((long) (120_000 * Math.max(1, FACTOR))),
                    () -> program.getMethod("main", String[].class).invoke(null, (Object) new String[0]));
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        Path kept = Path.of("target", "cookbook", program.getSimpleName() + ".txt");
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, output);
        original.print("--- " + program.getSimpleName() + "\n" + output);
        return output;
    }

    @Test
    void serialPortAndSocketInOneLoop() throws Exception {
        List<String> lines = run(SerialAndSocket.class).lines().sorted().toList();
        assertEquals(List.of("serial: temp=21.5", "tcp: hello over tcp"), lines);
    }

    @Test
    void childStdoutAndStderrFromOneThread() throws Exception {
        String output = run(ChildOutput.class);
        List<String> out = output.lines().filter(l -> l.startsWith("[out]")).toList();
        assertEquals(List.of("[out] compiling", "[out] done"), out, "stdout complete and in order");
        assertTrue(output.contains("[err] warning: unused x\n"), output);
        assertTrue(output.endsWith("exit code 0\n"), output);
    }

    @Test
    void theIOWaitFacadeOnAPipeAndASocket() throws Exception {
        assertEquals("""
                socket read=false write=true
                pipe read=true write=false
                socket read=true write=false
                watched 2
                """, run(FacadeOnPipesAndSocket.class));
    }

    @Test
    void timerEventfdAndFileWatchBesideASocket() throws Exception {
        String output = run(TimerEventWatchSocket.class);
        for (String line : List.of("jobs done: 3", "file CREATED order.txt", "file MODIFIED order.txt",
                "socket: 4 bytes", "timer ticks: 3 or more")) {
            assertTrue(output.contains(line + "\n"), "missing '" + line + "' in\n" + output);
        }
    }

    @Test
    void aLineServerOnPollerUnderAThousandRequestsKeepsItsFdCount() throws Exception {
        String output = run(LineServer.class);
        assertTrue(output.startsWith("backend epoll, requests served 1000\n"), output);
        Matcher fds = Pattern.compile("open sockets, pipes and event fds before (\\d+), after (\\d+)").matcher(output);
        assertTrue(fds.find(), output);
        assertEquals(fds.group(1), fds.group(2), "a constant fd count");
    }

    @Test
    void forcingABackend() throws Exception {
        String output = run(ForceBackend.class);
        assertTrue(output.contains("default: epoll, by name: poll\n"), output);
        assertTrue(output.contains("-Diowait.backend=select: select\n"), output);
        assertTrue(output.contains("a Poller on select\n"), output);
        assertTrue(output.contains("unknown name: "), output);
        assertEquals(null, System.getProperty("iowait.backend"), "the program put the property back");
    }
}
