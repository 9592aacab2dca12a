package org.iowait.channels;

import java.util.ArrayDeque;
import java.util.Arrays;

import org.iowait.ErrnoException;
import org.iowait.posix.Posix;

/**
 * Output the kernel did not take yet, in order: whole chunks with an offset into the first. Chunks are copied on the
 * way in, so a caller may reuse its array as soon as {@code write} returns.
 */
final class OutputQueue {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private long size;

    boolean isEmpty() {
        return size == 0;
    }

    /** @return bytes waiting */
    long size() {
        return size;
    }

    void add(byte[] chunk, int off) {
        if (off < chunk.length) {
            chunks.addLast(Arrays.copyOfRange(chunk, off, chunk.length));
            size += chunk.length - off;
        }
    }

    void clear() {
        chunks.clear();
        headOffset = 0;
        size = 0;
    }

    /**
     * Writes as much as the non-blocking {@code sink} takes now.
     *
     * @return true once the queue is empty
     */
    boolean flushTo(int sink, int slice) throws ErrnoException {
        while (!chunks.isEmpty()) {
            byte[] head = chunks.peekFirst();
            int n = Posix.write(sink, head, headOffset, Math.min(head.length - headOffset, slice));
            if (n == Posix.WOULD_BLOCK) {
                return false;
            }
            headOffset += n;
            size -= n;
            if (headOffset == head.length) {
                chunks.removeFirst();
                headOffset = 0;
            }
        }
        return true;
    }
}
