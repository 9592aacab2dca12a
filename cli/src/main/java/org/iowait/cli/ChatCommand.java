package org.iowait.cli;

import java.io.IOException;
import java.io.PrintStream;

import org.iowait.DefaultSelector;

/**
 * {@code chat [--port N] [--host H]}: a line-based chat server on a {@link org.iowait.channels.Poller}; every line a
 * client sends goes to every other client. Binds 127.0.0.1:7000 by default; {@code --port 0} picks a free port, which
 * the first output line names. Runs until the calling thread is interrupted (or the JVM stops, e.g. on Ctrl-C).
 *
 * <pre>{@code
 * $ java -jar cli/target/iowait-cli.jar chat --port 7000
 * $ nc 127.0.0.1 7000        # in two more terminals; type a line in one, it shows in the other
 * }</pre>
 */
public final class ChatCommand {
    private ChatCommand() {
    }

    /** @return 0 once interrupted; a bad option throws {@link IllegalArgumentException} */
    public static int run(String[] args, PrintStream out) throws IOException {
        String host = "127.0.0.1";
        int port = 7000;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "' (expected --port or --host)");
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        }
        try (ChatServer chat = new ChatServer(host, port)) {
            out.println("chat on " + host + ":" + chat.port() + " (backend " + DefaultSelector.provider().name()
                    + "); connect with: nc " + host + " " + chat.port() + "   (Ctrl-C stops)");
            out.flush();
            chat.join();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt(); // keep the request visible to the caller; the server is closed
        }
        return 0;
    }
}
