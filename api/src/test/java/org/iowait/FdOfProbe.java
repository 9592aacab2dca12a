package org.iowait;

import java.nio.channels.SocketChannel;

/** Run in a JVM without --add-opens: prints what fdOf says when the JDK refuses access. */
public final class FdOfProbe {
    private FdOfProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (SocketChannel channel = SocketChannel.open()) {
            System.out.println("fd=" + FileDescriptors.fdOf(channel));
        } catch (IllegalStateException e) {
            System.out.println("refused: " + e.getMessage());
        }
        try {
            System.out.println("fd=" + FileDescriptors.fdOf(java.io.FileDescriptor.in));
        } catch (IllegalStateException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
