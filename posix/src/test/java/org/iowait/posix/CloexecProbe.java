package org.iowait.posix;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.iowait.FileDescriptors;

/**
 * Run by {@link CloexecTest} in its own JVM under strace: makes every kind of fd this layer creates between two
 * marker calls ({@code isatty(-1001)} and {@code isatty(-1002)}, which strace shows as {@code ioctl(-1001, ...)}),
 * and prints them as {@code FDS n n n ...}.
 */
public final class CloexecProbe {
    private CloexecProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
                int listener = FileDescriptors.fdOf(server);
                LibC.isatty(-1001);
                int[] pipe = Posix.pipe(true);
                int[] blockingPipe = Posix.pipe(false);
                int[] pair = Posix.socketpair(true);
                int[] blockingPair = Posix.socketpair(false);
                int accepted = Posix.accept(listener);
                Wakeup wakeup = Wakeup.open();
                PipeWakeup pipeWakeup = new PipeWakeup();
                LibC.isatty(-1002);
                int[] all = {pipe[0], pipe[1], blockingPipe[0], blockingPipe[1], pair[0], pair[1], blockingPair[0],
                    blockingPair[1], accepted, wakeup.fd(), pipeWakeup.fd(), pipeWakeup.writeFd()};
                StringBuilder line = new StringBuilder("FDS");
                for (int fd : all) {
                    line.append(' ').append(fd);
                    if (!Posix.isCloseOnExec(fd)) {
                        line.append("!notcloexec");
                    }
                }
                System.out.println(line);
            }
        }
    }
}
