package org.iowait.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.iowait.DefaultSelector;
import org.iowait.IOWait;
import org.iowait.Selector;
import org.iowait.channels.EndpointClosedException;
import org.iowait.channels.SocketChannel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code echo [--threads virtual|platform] [--port N] [--host H]}: an echo server written the plain blocking way, one
 * thread per connection over this library's {@link SocketChannel}, each waiting with {@link IOWait#waitFor} before it
 * reads. With {@code --threads virtual} (JDK 21+, the default there) a waiting connection holds no carrier, so a
 * 2-core machine holds thousands of them. Runs until the calling thread is interrupted; the first line names the port.
 *
 * <pre>{@code
 * $ java -jar cli/target/iowait-cli.jar echo --threads virtual --port 7007
 * $ nc 127.0.0.1 7007
 * }</pre>
 */
@Command(name = "echo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"An echo server with one thread per connection over iowait's SocketChannel and IOWait.waitFor.",
                "--threads virtual (JDK 21+) parks waiting connections instead of holding a thread each."})
final class EchoCommand implements Callable<Integer> {
    private final PrintStream out;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Local address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7007",
            description = "TCP port, 0..65535; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", paramLabel = "KIND", defaultValue = "virtual",
            description = "virtual (JDK 21+) or platform: the thread each connection runs on (default ${DEFAULT-VALUE}).")
    String threads;

    EchoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        try (ServerSocketChannel server = Listening.listen(spec, host, port, "echo server", EchoCommand::bind)) {
            ExecutorService executor = executor();
            try {
                out.println("echo on " + host + ":" + server.socket().getLocalPort() + " (threads " + threads
                        + ", backend " + DefaultSelector.provider().name() + "); try: nc " + host + " "
                        + server.socket().getLocalPort() + "   (Ctrl-C stops)");
                out.flush();
                while (IOWait.waitFor(server, Selector.READ, null) != 0 || !Thread.currentThread().isInterrupted()) {
                    java.nio.channels.SocketChannel client = server.accept();
                    if (client != null) {
                        executor.execute(() -> serve(client));
                    }
                }
            } finally {
                executor.shutdownNow(); // interrupts every connection's wait, which then ends: see serve
            }
        }
        return ExitCodes.OK;
    }

    private static ServerSocketChannel bind(InetAddress address, int port) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(address, port), 4096);
            server.configureBlocking(false);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Echoes until the peer closes or the thread is interrupted; waits with the one-fd wait, never spins. */
    private static void serve(java.nio.channels.SocketChannel client) {
        try (SocketChannel channel = new SocketChannel(client)) {
            while (IOWait.waitFor(channel, Selector.READ, null) != 0) {
                byte[] data = channel.read();
                if (data.length > 0) {
                    channel.write(data);
                }
            }
        } catch (EndpointClosedException e) {
            // the peer closed: this connection is done
        } catch (IOException e) {
            // a reset or an interrupted write: this connection is done, the others go on
        }
    }

    private ExecutorService executor() {
        switch (threads) {
            case "platform":
                return Executors.newCachedThreadPool(daemon());
            case "virtual":
                try {
                    return (ExecutorService) MethodHandles.publicLookup().findStatic(Executors.class,
                            "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class)).invoke();
                } catch (NoSuchMethodException e) {
                    throw new CliFailure("--threads virtual needs JDK 21 or newer (this is " + Runtime.version()
                            + "); use --threads platform", e);
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot create the virtual-thread executor", e);
                }
            default:
                throw new ParameterException(spec.commandLine(), "--threads must be virtual or platform, got '"
                        + threads + "'");
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return task -> {
            Thread thread = new Thread(task, "echo-connection");
            thread.setDaemon(true);
            return thread;
        };
    }
}
