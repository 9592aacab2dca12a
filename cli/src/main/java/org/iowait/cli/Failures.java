package org.iowait.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** How the command line reports what went wrong: one line on stderr, a stack trace only with {@code --debug}. */
final class Failures {
    private Failures() {
    }

    /** Unknown options, stray words and values of the wrong form: exit 2 with the reason and where to get help. */
    static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("iowait: " + usageMessage(e));
        String name = qualifiedName(command);
        err.println("Try 'java -jar iowait-cli.jar " + (name.isEmpty() ? "" : name + " ") + "--help' for usage.");
        return ExitCodes.USAGE;
    }

    private static String usageMessage(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().get(0);
            String where = e.getCommandLine().getParent() == null ? "" : " for " + e.getCommandLine().getCommandName();
            if (word.startsWith("-")) {
                return "unknown option '" + word + "'" + where;
            }
            return e.getCommandLine().getParent() == null ? "unknown command '" + word + "'"
                    : "unexpected argument '" + word + "'" + where + " (it takes options only)";
        }
        String message = e.getMessage();
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /** A failure while a command ran: expected ones in one line (exit 1), anything else as a defect (exit 70). */
    static int executionFailure(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        boolean debug = debug(parsed);
        int status;
        if (e instanceof CliFailure failure) {
            err.println("iowait: " + failure.getMessage());
            status = failure.exitCode();
        } else {
            err.println("iowait: unexpected failure in '" + qualifiedName(command) + "': " + e);
            status = ExitCodes.SOFTWARE;
        }
        if (debug) {
            e.printStackTrace(err);
        } else if (status == ExitCodes.SOFTWARE) {
            err.println("Run again with --debug for the stack trace, and please report it.");
        }
        err.flush();
        return status;
    }

    private static boolean debug(ParseResult parsed) {
        for (ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static String qualifiedName(CommandLine command) {
        String name = command.getCommandSpec().qualifiedName(" ");
        int space = name.indexOf(' ');
        return space < 0 ? "" : name.substring(space + 1);
    }
}
