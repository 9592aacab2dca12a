package org.iowait;

/**
 * One ready file object from {@link IOWait#wait(java.time.Duration)}: read and write readiness merged, as in the
 * Python {@code iowait} package's {@code (file, read, write)} tuples.
 *
 * @param fileobj the watched object
 * @param read    whether it is ready to be read
 * @param write   whether it is ready to be written
 */
public record IOEvent(Object fileobj, boolean read, boolean write) {
}
