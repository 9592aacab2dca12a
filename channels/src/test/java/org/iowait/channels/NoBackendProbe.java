package org.iowait.channels;

import org.iowait.posix.Posix;

/** Run by {@link NoBackendTest} in a JVM without backend jars: channels work, a Poller says what to add. */
public final class NoBackendProbe {
    private NoBackendProbe() {
    }

    public static void main(String[] args) throws Exception {
        int[] p = Posix.pipe(false);
        try (PipeChannel pipe = new PipeChannel(p[0], p[1], Buffering.LINE)) {
            pipe.write("works\n".getBytes());
            System.out.print("channel: " + new String(pipe.read()));
        }
        try (Poller poller = new Poller()) {
            System.out.println("a Poller without a backend?");
        } catch (IllegalStateException e) {
            System.out.println("poller: " + e.getMessage());
        }
    }
}
