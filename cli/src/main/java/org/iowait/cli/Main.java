package org.iowait.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar iowait-cli.jar COMMAND}: {@code backends}, {@code demo}, {@code chat}, {@code tck}, {@code bench}.
 *
 * <pre>{@code
 * java -jar cli/target/iowait-cli.jar backends
 * java -jar cli/target/iowait-cli.jar demo --seconds 2 --clients 4
 * }</pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out, System.err);
        } catch (IllegalArgumentException | IllegalStateException e) { // bad usage or configuration: say why, no trace
            System.err.println("iowait: " + e.getMessage());
            status = 2;
        } catch (Exception e) {
            System.err.println("iowait: " + e);
            e.printStackTrace(System.err);
            status = 1;
        }
        System.exit(status);
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            usage(err);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "backends":
                return BackendsCommand.run(out);
            case "demo":
                return DemoCommand.run(Options.parse(rest), out);
            case "bench":
                return BenchCommand.run(Options.parse(rest), out);
            case "chat":
                return ChatCommand.run(rest, out);
            case "tck":
                return org.iowait.tck.TckMain.run(Arrays.asList(rest), out);
            case "help":
            case "--help":
            case "-h":
                usage(out);
                return 0;
            default:
                err.println("unknown command '" + args[0] + "'");
                usage(err);
                return 2;
        }
    }

    static void usage(PrintStream out) {
        out.println("usage: java -jar iowait-cli.jar COMMAND [options]");
        out.println("  backends                         every provider: priority, availability (and why not), modes");
        out.println("  demo  [--seconds S] [--clients N] [--size BYTES]");
        out.println("                                   loopback echo server on DefaultSelector, then every other backend");
        out.println("  bench [--seconds S] [--clients N] [--size BYTES]");
        out.println("                                   the echo load on every backend and on JDK NIO's Selector, side by side");
        out.println("                                   (indicative; bench/run gives the JMH figures)");
        out.println("  chat  [--port N] [--host H]      line-based chat server on Poller (try: nc 127.0.0.1 7000)");
        out.println("  tck   [--backend NAME]           run the compatibility kit against the available backends");
    }
}
