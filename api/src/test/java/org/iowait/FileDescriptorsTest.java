package org.iowait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDescriptorsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("every accepted type yields a distinct, open, non-negative fd")
    void acceptedTypes() throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[] {1});
        List<AutoCloseable> open = new ArrayList<>();
        try {
            FileInputStream in = add(open, new FileInputStream(file.toFile()));
            FileOutputStream out = add(open, new FileOutputStream(dir.resolve("g").toFile()));
            RandomAccessFile raf = add(open, new RandomAccessFile(file.toFile(), "r"));
            FileChannel fileChannel = add(open, FileChannel.open(file));
            ServerSocketChannel server = add(open, ServerSocketChannel.open());
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel socket = add(open, SocketChannel.open(server.getLocalAddress()));
            DatagramChannel datagram = add(open, DatagramChannel.open());
            Pipe pipe = Pipe.open();
            add(open, pipe.source());
            add(open, pipe.sink());
            Object[] objects = {in, out, raf, fileChannel, server, socket, datagram, pipe.source(), pipe.sink(),
                in.getFD()};
            Set<Integer> fds = new HashSet<>();
            for (Object o : objects) {
                int fd = FileDescriptors.fdOf(o);
                assertTrue(fd > 2, o + " -> " + fd);
                fds.add(fd);
            }
            assertEquals(objects.length - 1, fds.size(), "distinct fds (the FileDescriptor repeats its stream's)");
            assertEquals(FileDescriptors.fdOf(in), FileDescriptors.fdOf(in.getFD()));
            assertEquals(7, FileDescriptors.fdOf(7));
            assertEquals(9, FileDescriptors.fdOf((FileDescriptorSource) () -> 9));
            assertEquals(0, FileDescriptors.fdOf(FileDescriptor.in));
        } finally {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception e) {
                    // cleanup
                }
            }
        }
    }

    @Test
    @DisplayName("null, unsupported types and negative or closed fds are refused with clear messages")
    void refusals() throws IOException {
        assertThrows(NullPointerException.class, () -> FileDescriptors.fdOf(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FileDescriptors.fdOf(3.5));
        assertTrue(e.getMessage().contains("java.lang.Double") && e.getMessage().contains("SocketChannel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FileDescriptors.fdOf(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FileDescriptors.fdOf(new FileDescriptor()));
        FileInputStream in = new FileInputStream(Files.write(dir.resolve("h"), new byte[] {1}).toFile());
        FileDescriptor fd = in.getFD();
        in.close();
        assertThrows(IllegalArgumentException.class, () -> FileDescriptors.fdOf(fd));
    }

    @Test
    @DisplayName("without --add-opens the error names the exact flag to add")
    void namesAddOpens() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FdOfProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("refused: ") && output.contains("--add-opens java.base/sun.nio.ch=ALL-UNNAMED"), output);
        assertTrue(output.contains("--add-opens java.base/java.io=ALL-UNNAMED"), output);
        assertNotEquals(-1, output.indexOf("sun.nio.ch.SocketChannelImpl"), output);
    }

    @Test
    @DisplayName("a Process stream is refused with a pointer to ChildProcess")
    void processStreamsPointAtChildProcess() throws Exception {
        Process child = new ProcessBuilder("true").start();
        try {
            for (Object stream : new Object[] {child.getInputStream(), child.getErrorStream(), child.getOutputStream()}) {
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                        () -> FileDescriptors.fdOf(stream));
                assertTrue(refused.getMessage().contains("ChildProcess.start(builder)"), refused.getMessage());
            }
        } finally {
            child.waitFor();
        }
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> list, T c) {
        list.add(c);
        return c;
    }
}
