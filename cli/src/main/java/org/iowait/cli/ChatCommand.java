package org.iowait.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

import org.iowait.DefaultSelector;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chat [--port N] [--host H]}: a line-based chat server on a {@link org.iowait.channels.Poller}; every line a
 * client sends goes to every other client as {@code name> line} (its address, or the name it chose with
 * {@code /nick NAME}); the rules for departures and limits are in {@link ChatServer}. Joins and departures, with the
 * reason a client was disconnected, are printed one per line. Binds 127.0.0.1:7000 by default; {@code --port 0} picks a free port, which
 * the first output line names. Runs until the calling thread is interrupted (or the JVM stops, e.g. on Ctrl-C); if the
 * server thread dies, the command fails with its cause (exit 70).
 *
 * <pre>{@code
 * $ java -jar cli/target/iowait-cli.jar chat --port 7000
 * $ nc 127.0.0.1 7000        # in two more terminals; type a line in one, it shows in the other
 * }</pre>
 */
@Command(name = "chat", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"A line-based chat server on Poller: every line a client sends goes to",
                "every other client as 'name> line'; /nick NAME picks a name (the address",
                "until then). A departing client's unterminated words arrive as a line of",
                "their own; a line over 1 MiB, or a client that stops reading, is cut off.",
                "Try: nc 127.0.0.1 7000 in two terminals."})
final class ChatCommand implements Callable<Integer> {
    private final PrintStream out;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Local address or host name to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7000",
            description = "TCP port, 0..65535; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    ChatCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        try (ChatServer chat = Listening.listen(spec, host, port, "chat server",
                (address, p) -> new ChatServer(address.getHostAddress(), p, out))) {
            out.println("chat on " + host + ":" + chat.port() + " (backend " + DefaultSelector.provider().name()
                    + "); connect with: nc " + host + " " + chat.port() + "   (Ctrl-C stops)");
            out.flush();
            chat.join();
            Throwable death = chat.failure();
            if (death != null) {
                throw new CliFailure(ExitCodes.SOFTWARE, "the chat server stopped: " + death, death);
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt(); // keep the request visible to the caller; the server is closed
        }
        return ExitCodes.OK;
    }
}
