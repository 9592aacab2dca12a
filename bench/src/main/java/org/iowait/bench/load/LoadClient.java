package org.iowait.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * One load-generating thread with N connections, each in a closed loop: send a 64-byte line, wait for its echo, note
 * the round trip, send the next. Throughput counts round trips per second in the measured window; latencies are every
 * round trip completed in it.
 */
final class LoadClient {
    static final int MESSAGE = 64;

    /** One measured run. */
    record Result(int connections, double opsPerSecond, double p50Micros, double p99Micros, double serverCpuMicros) {
    }

    private LoadClient() {
    }

    /**
     * @param serverCpu the server's event-loop CPU time in nanoseconds, read when the measured window opens and closes:
     *                  CPU per round trip depends much less on what else the machine runs than throughput does
     */
    static Result run(int port, int connections, long warmupMillis, long measureMillis, LongSupplier serverCpu)
            throws IOException {
        byte[] line = new byte[MESSAGE];
        Arrays.fill(line, (byte) 'm');
        line[MESSAGE - 1] = '\n';
        try (Selector selector = Selector.open()) {
            SocketChannel[] sockets = new SocketChannel[connections];
            long[] sentAt = new long[connections];
            ByteBuffer[] inbound = new ByteBuffer[connections];
            try {
                for (int i = 0; i < connections; i++) {
                    sockets[i] = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    sockets[i].setOption(StandardSocketOptions.TCP_NODELAY, true);
                    sockets[i].configureBlocking(false);
                    sockets[i].register(selector, SelectionKey.OP_READ, i);
                    inbound[i] = ByteBuffer.allocateDirect(MESSAGE);
                }
                ByteBuffer outbound = ByteBuffer.allocateDirect(MESSAGE);
                for (int i = 0; i < connections; i++) {
                    send(sockets[i], outbound, line);
                    sentAt[i] = System.nanoTime();
                }
                long start = System.nanoTime();
                long measureFrom = start + warmupMillis * 1_000_000L;
                long end = measureFrom + measureMillis * 1_000_000L;
                long[] latencies = new long[1 << 20];
                int count = 0;
                long cpuFrom = -1;
                for (long now = start; now < end; now = System.nanoTime()) {
                    if (cpuFrom < 0 && now >= measureFrom) {
                        cpuFrom = serverCpu.getAsLong();
                    }
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        int i = (Integer) key.attachment();
                        ByteBuffer in = inbound[i];
                        if (sockets[i].read(in) < 0) {
                            throw new IOException("the server closed connection " + i);
                        }
                        if (in.hasRemaining()) {
                            continue;
                        }
                        long done = System.nanoTime();
                        if (done >= measureFrom && done < end) {
                            if (count == latencies.length) {
                                latencies = Arrays.copyOf(latencies, count * 2);
                            }
                            latencies[count++] = done - sentAt[i];
                        }
                        in.clear();
                        send(sockets[i], outbound, line);
                        sentAt[i] = System.nanoTime();
                    }
                    selector.selectedKeys().clear();
                }
                long cpu = serverCpu.getAsLong() - cpuFrom;
                long[] measured = Arrays.copyOf(latencies, count);
                Arrays.sort(measured);
                return new Result(connections, count / (measureMillis / 1000.0),
                        percentile(measured, 0.50) / 1000.0, percentile(measured, 0.99) / 1000.0,
                        count == 0 ? 0 : cpu / 1000.0 / count);
            } finally {
                for (SocketChannel socket : sockets) {
                    if (socket != null) {
                        socket.close();
                    }
                }
            }
        }
    }

    private static void send(SocketChannel socket, ByteBuffer outbound, byte[] line) throws IOException {
        outbound.clear();
        outbound.put(line).flip();
        while (outbound.hasRemaining()) {
            if (socket.write(outbound) == 0) {
                Thread.onSpinWait(); // 64 bytes into an idle socket: never more than a moment
            }
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }
}
