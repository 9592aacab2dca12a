package org.iowait.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.iowait.DefaultSelector;
import org.iowait.spi.SelectorProvider;

import picocli.CommandLine;

/**
 * {@code java -jar iowait-cli.jar COMMAND}: {@code backends}, {@code demo}, {@code bench}, {@code chat}, {@code echo}, {@code tck}.
 * Every command has {@code --help}; {@code --version} names the project version and the backend
 * {@code DefaultSelector} chooses here. Exit status: see {@link ExitCodes}.
 *
 * <pre>{@code
 * java -jar cli/target/iowait-cli.jar backends
 * java -jar cli/target/iowait-cli.jar demo --seconds 2 --clients 4
 * java -jar cli/target/iowait-cli.jar chat --help
 * }</pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Finding and probing the backends (loading JNA or binding FFM, one probe each) takes as long as picocli's
        // set-up, about 0.15 s each here; begun first, on another core, it is done by the time a command asks.
        Thread discovery = new Thread(() -> DefaultSelector.providers().forEach(SelectorProvider::isAvailable),
                "iowait-discovery");
        discovery.setDaemon(true);
        discovery.start();
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns the exit status ({@link ExitCodes}). Never throws. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(args, out, err).execute(args);
    }

    /** @param args the command line: only the command it names is modelled, which keeps start-up short */
    static CommandLine commandLine(String[] args, PrintStream out, PrintStream err) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("backends", () -> new BackendsCommand(out));
        commands.put("demo", () -> new DemoCommand(out));
        commands.put("bench", () -> new BenchCommand(out));
        commands.put("chat", () -> new ChatCommand(out));
        commands.put("echo", () -> new EchoCommand(out));
        commands.put("tck", () -> new TckCommand(out));
        commands.put("help", CommandLine.HelpCommand::new);
        CommandLine cli = new CommandLine(new IowaitCommand());
        Supplier<Object> named = args.length > 0 ? commands.get(args[0]) : null;
        if (named != null && !args[0].equals("help")) {
            cli.addSubcommand(named.get());
        } else {
            commands.values().forEach(command -> cli.addSubcommand(command.get()));
        }
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler(Failures::usageError);
        cli.setExecutionExceptionHandler(Failures::executionFailure);
        cli.setExitCodeExceptionMapper(t -> ExitCodes.SOFTWARE);
        return cli;
    }
}
