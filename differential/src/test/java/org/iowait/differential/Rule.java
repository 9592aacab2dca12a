package org.iowait.differential;

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
        boolean covers(String[] op, String cpython, String iowait) {
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
        boolean covers(String[] op, String cpython, String iowait) {
            if (!op[0].equals("mod") || !iowait.equals("error:ValueError")) {
                return false;
            }
            int events = Integer.parseInt(op[2]);
            boolean bad = events == 0 || (events & ~3) != 0;
            return bad && (cpython.endsWith(";resynced") || cpython.equals("error:KeyError"));
        }
    };

    private final String description;

    Rule(String description) {
        this.description = description;
    }

    abstract boolean covers(String[] op, String cpython, String iowait);

    @Override
    public String toString() {
        return name() + " (" + description + ")";
    }

    /** @return the rule that explains a difference in this step, or null */
    static Rule explaining(String op, String cpython, String iowait) {
        String[] words = op.split(" ");
        for (Rule rule : values()) {
            if (rule.covers(words, cpython, iowait)) {
                return rule;
            }
        }
        return null;
    }
}
