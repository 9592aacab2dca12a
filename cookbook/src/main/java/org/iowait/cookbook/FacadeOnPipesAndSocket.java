package org.iowait.cookbook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

import org.iowait.IOEvent;
import org.iowait.IOWait;

/** Python's iowait facade: watch a pipe and a socket, then wait. */
public final class FacadeOnPipesAndSocket {
    public static void main(String[] args) throws Exception {
        Pipe pipe = Pipe.open();
        try (ServerSocketChannel server = ServerSocketChannel.open()
                     .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel a = SocketChannel.open(server.getLocalAddress());
             SocketChannel b = server.accept();
             IOWait waitobj = new IOWait()) {
            waitobj.watch(pipe.source(), true, false);
            waitobj.watch(a, true, true);                           // a socket with room to write is writable
            print(waitobj.await(), pipe, a);                          // Python's wait(); NOT wait(100): Object.wait
            pipe.sink().write(ByteBuffer.wrap("x".getBytes()));
            b.write(ByteBuffer.wrap("y".getBytes()));
            waitobj.watch(a, true, false);                          // watching again replaces the interest
            print(waitobj.wait(Duration.ofSeconds(5)), pipe, a);
            System.out.println("watched " + waitobj.watched().size());
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    private static void print(List<IOEvent> events, Pipe pipe, SocketChannel a) {
        events.stream()
                .map(e -> (e.fileobj() == pipe.source() ? "pipe" : "socket") + " read=" + e.read() + " write=" + e.write())
                .sorted().forEach(System.out::println);
    }
}
