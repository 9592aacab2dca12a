package org.iowait.cookbook;

import org.iowait.DefaultSelector;
import org.iowait.Selector;
import org.iowait.channels.Buffering;
import org.iowait.channels.Poller;

/** Which backend runs, and three ways to choose one. */
public final class ForceBackend {
    public static void main(String[] args) throws Exception {
        System.out.println(DefaultSelector.describe());                   // every candidate, and why
        try (Selector best = DefaultSelector.open(); Selector poll = DefaultSelector.open("poll")) {
            System.out.println("default: " + best.backend() + ", by name: " + poll.backend());
        }
        String before = System.getProperty("iowait.backend");
        System.setProperty("iowait.backend", "select");                  // as -Diowait.backend=select would
        try (Selector forced = DefaultSelector.open()) {
            System.out.println("-Diowait.backend=select: " + forced.backend());
        } finally {
            if (before == null) {
                System.clearProperty("iowait.backend");
            } else {
                System.setProperty("iowait.backend", before);
            }
        }
        try (Poller poller = new Poller(Buffering.LINE, DefaultSelector.open("select"))) {
            System.out.println("a Poller on " + poller.backend());
        }
        try {
            DefaultSelector.open("nosuch");
        } catch (IllegalStateException e) {
            System.out.println("unknown name: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
