package org.calibrax4j.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code calibrax4j} command line: evaluation metrics on NumPy files of features, statistics
 * or class probabilities.
 *
 * <p>Exit codes: 0 success, 1 bad input data or a failed computation, 2 bad usage (picocli's
 * defaults). Errors print one line on stderr, {@code calibrax4j <sub>: error: <message>}; with
 * {@code --verbose} the stack trace follows.
 */
@Command(name = "calibrax4j", mixinStandardHelpOptions = true, version = "calibrax4j 0.1.0",
        description = "Evaluation metrics for generative models on NumPy feature, statistics and probability files.",
        subcommands = {
            FidCommand.class,
            InceptionScoreCommand.class,
            KidCommand.class,
            PrdcCommand.class,
            BertScoreCommand.class,
            LpipsCommand.class,
            org.calibrax4j.cli.demo.DemoCommand.class,
        })
public final class Calibrax4j implements Runnable {
    /** Prints stack traces of errors; accepted before or after the subcommand name. */
    static final String VERBOSE = "--verbose";

    @Spec
    CommandSpec spec;

    @Option(names = VERBOSE, scope = ScopeType.INHERIT, description = "On error, also print the stack trace.")
    boolean verbose;

    /** Called without a subcommand: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand (one of "
                + spec.subcommands().keySet() + ")");
    }

    /** The command line with this project's one-line error handling installed. */
    public static CommandLine commandLine() {
        ErrorHandler errors = new ErrorHandler();
        return new CommandLine(new Calibrax4j())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Turns every failure into one line {@code <qualified command>: error: <message>} on stderr. */
    static final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            report(cmd, describe(ex), ex, verbose(parseResult));
            return cmd.getCommandSpec().exitCodeOnExecutionException();
        }

        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            String help = cmd.getCommandSpec().qualifiedName(" ") + " --help";
            report(cmd, oneLine(ex.getMessage()) + " (see '" + help + "')", ex, Arrays.asList(args).contains(VERBOSE));
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        }

        private static boolean verbose(ParseResult pr) {
            for (ParseResult p = pr; p != null; p = p.subcommand()) {
                if (p.hasMatchedOption(VERBOSE)) {
                    return true;
                }
            }
            return false;
        }

        private static void report(CommandLine cmd, String message, Exception ex, boolean verbose) {
            PrintWriter err = cmd.getErr();
            err.println(cmd.getCommandSpec().qualifiedName(" ") + ": error: " + message);
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
        }

        /** The message of an expected failure as is; anything else with its type, as one line. */
        static String describe(Throwable ex) {
            if (ex instanceof NoSuchFileException e) {
                return e.getFile() + ": no such file or directory";
            }
            if (ex instanceof AccessDeniedException e) {
                return e.getFile() + ": permission denied";
            }
            String m = ex.getMessage();
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                    || ex instanceof java.io.IOException) {
                return m == null || m.isBlank() ? ex.getClass().getSimpleName() : oneLine(m);
            }
            return ex.getClass().getName() + (m == null ? "" : ": " + oneLine(m));
        }

        private static String oneLine(String s) {
            return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
        }
    }
}
