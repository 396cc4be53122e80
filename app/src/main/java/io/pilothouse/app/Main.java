package io.pilothouse.app;

import io.pilothouse.app.cli.PilothouseCommand;
import io.pilothouse.app.cli.UserErrors;
import picocli.CommandLine;

/**
 * Entry point for the launcher script and the packaged app. Deliberately not a JavaFX {@code Application}: the
 * JavaFX jars sit on the class path in the packaged image, and command-line use must work without a display.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new PilothouseCommand());
        cli.setExecutionExceptionHandler(UserErrors::handle);
        return cli.execute(args);
    }
}
