package io.pilothouse.app;

import io.pilothouse.app.cli.CommandLines;
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
        var window = WindowLauncher.forArgs(args);
        System.exit(window.isPresent() ? WindowLauncher.run(window.get(), args) : run(args));
    }

    /** Runs the command line and returns the exit status (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return run(null, null, args);
    }

    /** Runs the command line with the given output and error writers (null: the standard streams). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        quietJavaUtilLogging();
        io.pilothouse.app.cli.ConsolePasswordPrompt.installIfInteractive();
        CommandLine cli = CommandLines.forArgs(args);
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setExecutionExceptionHandler(UserErrors::handle);
        cli.setParameterExceptionHandler(UserErrors::badInput);
        return cli.execute(args);
    }

    /** gRPC and Netty log through java.util.logging at INFO; the terminal should only hear about real problems. */
    private static void quietJavaUtilLogging() {
        for (java.util.logging.Logger logger : QUIETED) {
            logger.setLevel(java.util.logging.Level.WARNING);
        }
        // JavaFX on the class path (how the packaged app runs it) is supported by us and warned about by JavaFX.
        QUIETED[3].setLevel(java.util.logging.Level.SEVERE);
    }

    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger[] QUIETED = {
        java.util.logging.Logger.getLogger("io.grpc"),
        java.util.logging.Logger.getLogger("io.netty"),
        java.util.logging.Logger.getLogger("io.etcd"),
        java.util.logging.Logger.getLogger("javafx")
    };
}
