/**
 * The poll backend on JDK 22+. It has no FFM code of its own (poll(2) is bound in posix, {@code PollCall}); this
 * folder makes the build treat the module as one with a {@code java.lang.foreign} layer, so its tests also run on the
 * JDK 22+ with FFM and with forced JNA.
 */
package org.iowait.poll;
