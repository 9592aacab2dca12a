package org.iowait.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Drives an {@link EchoServer} with blocking loopback clients and checks every echoed byte. */
final class EchoLoad {
    private EchoLoad() {
    }

    record Result(String backend, int clients, int size, long roundTrips, double seconds) {
        double roundTripsPerSecond() {
            return roundTrips / seconds;
        }

        double megabytesPerSecond() {
            return 2.0 * size * roundTrips / seconds / 1e6;
        }

        String line() {
            return String.format(Locale.ROOT, "%-8s %3d client%s x %6d B  %12.0f round-trips/s  %9.2f MB/s",
                    backend, clients, clients == 1 ? " " : "s", size, roundTripsPerSecond(), megabytesPerSecond());
        }
    }

    static Result run(EchoLoop loop, LoadOptions options) throws Exception {
        String name = loop.name();
        long rounds = 0;
        long start;
        long end;
        try (EchoServer server = new EchoServer(loop)) {
            InetSocketAddress address = server.address();
            ExecutorService pool = Executors.newFixedThreadPool(options.clients);
            try {
                List<Future<Long>> clients = new ArrayList<>();
                start = System.nanoTime();
                long deadline = start + options.duration.toNanos();
                for (int i = 0; i < options.clients; i++) {
                    byte seed = (byte) i;
                    clients.add(pool.submit(() -> client(address, options.size, seed, deadline)));
                }
                for (Future<Long> client : clients) {
                    rounds += client.get();
                }
                end = System.nanoTime();
            } finally {
                pool.shutdownNow();
            }
        }
        return new Result(name, options.clients, options.size, rounds, (end - start) / 1e9);
    }

    private static long client(InetSocketAddress address, int size, byte seed, long deadline) throws IOException {
        byte[] message = new byte[size];
        for (int i = 0; i < size; i++) {
            message[i] = (byte) (seed + i);
        }
        ByteBuffer out = ByteBuffer.wrap(message);
        ByteBuffer in = ByteBuffer.allocate(size);
        long rounds = 0;
        try (SocketChannel channel = SocketChannel.open(address)) {
            channel.socket().setTcpNoDelay(true);
            while (System.nanoTime() < deadline) {
                out.clear();
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                in.clear();
                while (in.hasRemaining()) {
                    if (channel.read(in) < 0) {
                        throw new IOException("the echo server closed the connection");
                    }
                }
                if (!Arrays.equals(in.array(), message)) {
                    throw new IOException("the echo differs from what was sent");
                }
                rounds++;
            }
        }
        return rounds;
    }
}
