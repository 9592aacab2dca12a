package org.iowait.cookbook;

import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import org.iowait.DefaultSelector;
import org.iowait.Ready;
import org.iowait.Selector;
import org.iowait.posix.Posix;
import org.iowait.posix.Pty;

/** A serial port (a pty stands in for /dev/ttyUSB0) and a TCP socket in one loop. */
public final class SerialAndSocket {
    public static void main(String[] args) throws Exception {
        Pty pty = Pty.open(); // the master side plays the device
        try (RandomAccessFile port = new RandomAccessFile(pty.terminalPath(), "rw");
             ServerSocketChannel server = ServerSocketChannel.open()
                     .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel peer = server.accept();
             Selector selector = DefaultSelector.open()) {
            selector.register(port, Selector.READ, "serial");
            selector.register(peer, Selector.READ, "tcp");
            Posix.write(pty.master(), "temp=21.5\n".getBytes(), 0, 10);
            client.write(ByteBuffer.wrap("hello over tcp\n".getBytes()));
            for (int lines = 0; lines < 2; ) {
                for (Ready ready : selector.select(null)) {
                    byte[] buf = new byte[256];
                    int n = ready.key().attachment().equals("serial") ? port.read(buf)
                            : peer.read(ByteBuffer.wrap(buf));
                    System.out.print(ready.key().attachment() + ": " + new String(buf, 0, n, StandardCharsets.UTF_8));
                    lines++;
                }
            }
        } finally {
            Posix.close(pty.master());
        }
    }
}
