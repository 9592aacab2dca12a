package org.iowait.cookbook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.iowait.DefaultSelector;
import org.iowait.Ready;
import org.iowait.Selector;
import org.iowait.fds.ChildProcess;
import org.iowait.fds.PipeSource;

/** A child's stdout and stderr, read from one thread as they come, with nothing lost at its exit. */
public final class ChildOutput {
    public static void main(String[] args) throws Exception {
        ProcessBuilder build = new ProcessBuilder("sh", "-c", "echo compiling; echo 'warning: unused x' >&2; echo done");
        try (ChildProcess child = ChildProcess.start(build); Selector selector = DefaultSelector.open()) {
            selector.register(child.stdout(), Selector.READ, "out");
            selector.register(child.stderr(), Selector.READ, "err");
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (!selector.keys().isEmpty()) {
                for (Ready ready : selector.select(null)) {
                    PipeSource pipe = (PipeSource) ready.key().fileobj();
                    int n = pipe.read(buf.clear());
                    if (n == -1) {
                        selector.unregister(pipe); // end of stream: the child closed it (exited)
                    } else {
                        String text = new String(buf.array(), 0, n, StandardCharsets.UTF_8);
                        text.lines().forEach(line -> System.out.println("[" + ready.key().attachment() + "] " + line));
                    }
                }
            }
            System.out.println("exit code " + child.process().waitFor());
        }
    }
}
