package org.iowait.differential;

import java.util.List;
import java.util.Set;

/**
 * Where iowait must differ from CPython by its own contract (DESIGN.md), each a name the test counts and reports.
 * Results are compared in CPython's words: iowait's IllegalArgumentException is written {@code error:ValueError},
 * NoSuchElementException {@code error:KeyError}, ErrnoException {@code error:OSError:<errno name>}.
 */
enum Rule {
    /**
     * "An fd registered twice → IllegalArgumentException" (the JDK's choice for a programming error), where CPython
     * raises KeyError. Neither side changes any state.
     */
    DUPLICATE_REGISTER_IS_ILLEGAL_ARGUMENT("duplicate register: IllegalArgumentException, CPython KeyError") {
        @Override
        boolean covers(String[] op, String cpython, String iowait, Set<String> closedRegistered) {
            return op[0].equals("reg") && cpython.equals("error:KeyError") && iowait.equals("error:ValueError");
        }
    },
    /**
     * "events 0 or with bits outside READ|WRITE → IllegalArgumentException, checked before the key lookup and leaving
     * the key as it was". CPython 3.11 does not check events in modify: its poll-like selectors store them (4 disarms
     * the fd, -1 arms both), SelectSelector unregisters the fd and raises ValueError, and an unregistered fd raises
     * KeyError first. The driver records CPython's answer, then restores the registration (";resynced").
     */
    MODIFY_VALIDATES_EVENTS_FIRST("modify with bad events: IllegalArgumentException before the lookup, key unchanged") {
        @Override
        boolean covers(String[] op, String cpython, String iowait, Set<String> closedRegistered) {
            if (!op[0].equals("mod") || !iowait.equals("error:ValueError")) {
                return false;
            }
            int events = Integer.parseInt(op[2]);
            boolean bad = events == 0 || (events & ~3) != 0;
            return bad && (cpython.endsWith(";resynced") || cpython.equals("error:KeyError"));
        }
    },
    /**
     * select backend: "A registered fd that was closed must not make every later select fail: report it ready
     * (READ|WRITE), as poll reports NVAL." CPython's SelectSelector raises OSError(EBADF) from every select until the
     * fd is unregistered (so that step's other ends go uncompared). Applies only while an end closed without
     * unregister is still registered, and iowait must report that end.
     */
    CLOSED_REGISTERED_FD_IS_READY("select with a closed registered fd: reported ready, CPython's select raises EBADF") {
        @Override
        boolean covers(String[] op, String cpython, String iowait, Set<String> closedRegistered) {
            if (!op[0].equals("select") || !cpython.equals("error:OSError:EBADF") || closedRegistered.isEmpty()
                    || !iowait.startsWith("ready:")) {
                return false;
            }
            List<String> reported = List.of(iowait.substring("ready:".length()).split(","));
            return closedRegistered.stream().allMatch(end -> reported.stream().anyMatch(r -> r.startsWith(end + "=")));
        }
    };

    private final String description;

    Rule(String description) {
        this.description = description;
    }

    abstract boolean covers(String[] op, String cpython, String iowait, Set<String> closedRegistered);

    @Override
    public String toString() {
        return name() + " (" + description + ")";
    }

    /** @return the rule that explains a difference in this step, or null */
    static Rule explaining(String op, String cpython, String iowait, Set<String> closedRegistered) {
        String[] words = op.split(" ");
        for (Rule rule : values()) {
            if (rule.covers(words, cpython, iowait, closedRegistered)) {
                return rule;
            }
        }
        return null;
    }
}
