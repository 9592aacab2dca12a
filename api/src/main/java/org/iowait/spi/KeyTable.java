package org.iowait.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.iowait.SelectorKey;

/**
 * The fd-to-key map of one selector. Fds are small dense integers, so an array indexed by fd gives the select loop a
 * lock-free lookup that boxes nothing; writers hold the selector's lock and replace the array only to grow it. Slots
 * are written with release and read with acquire semantics, so a reader without the lock sees a key (and the
 * disarmed flag written before it) no older than the last write it observes.
 */
final class KeyTable {
    private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(SelectorKey[].class);
    private static final VarHandle FLAGS = MethodHandles.arrayElementVarHandle(boolean[].class);

    private volatile SelectorKey[] keys = new SelectorKey[64];
    /** Parallel to {@code keys}: true while a ONESHOT key has fired and not been re-armed. */
    private volatile boolean[] disarmed = new boolean[64];
    private volatile int size;

    SelectorKey get(int fd) {
        SelectorKey[] table = keys;
        return fd >= 0 && fd < table.length ? (SelectorKey) KEYS.getAcquire(table, fd) : null;
    }

    /** Caller holds the selector's lock. */
    void put(SelectorKey key) {
        int fd = key.fd();
        SelectorKey[] table = keys;
        if (fd >= table.length) {
            int length = Math.max(fd + 1, table.length * 2);
            disarmed = Arrays.copyOf(disarmed, length);
            table = Arrays.copyOf(table, length);
            keys = table;
        }
        if (table[fd] == null) {
            size++;
        }
        FLAGS.setRelease(disarmed, fd, false);
        KEYS.setRelease(table, fd, key);
    }

    /** Caller holds the selector's lock. */
    SelectorKey remove(int fd) {
        SelectorKey[] table = keys;
        if (fd < 0 || fd >= table.length || table[fd] == null) {
            return null;
        }
        SelectorKey key = table[fd];
        KEYS.setRelease(table, fd, null);
        FLAGS.setRelease(disarmed, fd, false);
        size--;
        return key;
    }

    boolean isDisarmed(int fd) {
        boolean[] flags = disarmed;
        return fd >= 0 && fd < flags.length && (boolean) FLAGS.getAcquire(flags, fd);
    }

    /** Caller holds the selector's lock. */
    void disarm(int fd) {
        FLAGS.setRelease(disarmed, fd, true);
    }

    /** Caller holds the selector's lock. */
    void clear() {
        keys = new SelectorKey[0];
        disarmed = new boolean[0];
        size = 0;
    }

    /** Linear search by identity, for objects whose fd can no longer be read (Python's fallback). */
    SelectorKey findByFileobj(Object fileobj) {
        for (SelectorKey key : keys) {
            if (key != null && key.fileobj() == fileobj) {
                return key;
            }
        }
        return null;
    }

    /** A live, read-only map view. */
    Map<Integer, SelectorKey> view() {
        return new AbstractMap<>() {
            @Override
            public SelectorKey get(Object fd) {
                return fd instanceof Integer i ? KeyTable.this.get(i) : null;
            }

            @Override
            public boolean containsKey(Object fd) {
                return get(fd) != null;
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public Set<Entry<Integer, SelectorKey>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public int size() {
                        return size;
                    }

                    @Override
                    public Iterator<Entry<Integer, SelectorKey>> iterator() {
                        SelectorKey[] table = keys.clone(); // a snapshot: writers may clear slots meanwhile
                        return new Iterator<>() {
                            private int next = advance(0);

                            private int advance(int from) {
                                while (from < table.length && table[from] == null) {
                                    from++;
                                }
                                return from;
                            }

                            @Override
                            public boolean hasNext() {
                                return next < table.length;
                            }

                            @Override
                            public Entry<Integer, SelectorKey> next() {
                                if (next >= table.length) {
                                    throw new NoSuchElementException();
                                }
                                SelectorKey key = table[next];
                                next = advance(next + 1);
                                return Map.entry(key.fd(), key);
                            }
                        };
                    }
                };
            }
        };
    }
}
