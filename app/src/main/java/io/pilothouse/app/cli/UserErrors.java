package io.pilothouse.app.cli;

import picocli.CommandLine;

/**
 * Turns failures into one clear line on stderr — what happened and what to do — instead of a stack trace.
 * Set {@code PILOTHOUSE_DEBUG=1} to get the trace as well.
 */
public final class UserErrors {

    /** Exit status for a failure the user can act on. */
    public static final int FAILED = 1;

    private UserErrors() {
    }

    /** picocli's execution-exception hook. */
    public static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        cli.getErr().println("pilothouse: " + describe(e));
        if (System.getenv("PILOTHOUSE_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        return e instanceof UserException u ? u.exitCode() : FAILED;
    }

    /**
     * picocli's hook for bad options and arguments: one line saying what is wrong and where the help is, instead of
     * the whole usage text; exit 2.
     */
    public static int badInput(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("pilothouse: " + e.getMessage() + "; see '" + cli.getCommandSpec().qualifiedName()
                + " --help'");
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    static String describe(Throwable e) {
        if (e instanceof UserException) {
            return e.getMessage();
        }
        String msg = e.getMessage();
        Throwable cause = e.getCause();
        if ((msg == null || msg.isBlank()) && cause != null) {
            return describe(cause);
        }
        return msg == null ? e.getClass().getSimpleName() : msg;
    }
}
