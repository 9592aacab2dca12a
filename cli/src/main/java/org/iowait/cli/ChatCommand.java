package org.iowait.cli;

import java.io.PrintStream;

import org.iowait.DefaultSelector;

/** {@code chat [--port N] [--host H]}: a line-based chat server; talk to it with {@code nc 127.0.0.1 7000}. */
final class ChatCommand {
    private ChatCommand() {
    }

    static int run(String[] args, PrintStream out) throws Exception {
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
            chat.join();
        }
        return 0;
    }
}
