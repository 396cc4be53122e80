package io.pilothouse.app;

import io.pilothouse.app.wiring.ShutdownHooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The packaged app has two launchers with one JVM profile each. {@code pilothouse} (on the PATH) is tuned for the
 * one-shot commands that start, read once and exit: C1 only, the serial collector, no perf data, an ahead-of-time
 * cache trained on {@code snapshot} — about half the CPU of a default JVM for a {@code snapshot}. Those settings are
 * a throughput risk for a window or a watch that runs for a day, so the long-running commands are handed to the
 * {@code pilothouse-window} launcher beside it (the default JIT and collector, a cache trained on the views), which
 * the desktop entry starts directly. The one-shot launcher names its sibling in the system property
 * {@value #PROPERTY}; the dev build and the tests set none, and run everything in their own JVM.
 */
final class WindowLauncher {

    static final String PROPERTY = "pilothouse.window-launcher";
    /** The commands that run until closed or interrupted. */
    private static final Set<String> LONG_RUNNING = Set.of("gui", "wall", "demo", "watch");

    private WindowLauncher() {
    }

    /** The window launcher to hand {@code args} to: from the one-shot launcher, for a long-running command. */
    static Optional<Path> forArgs(String... args) {
        String sibling = System.getProperty(PROPERTY);
        String self = System.getProperty("jpackage.app-path");
        if (sibling == null || self == null || args.length == 0 || !LONG_RUNNING.contains(args[0])) {
            return Optional.empty();
        }
        Path launcher = Path.of(self);
        String name = launcher.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
        Path window = launcher.resolveSibling(sibling + extension);
        return Files.isExecutable(window) ? Optional.of(window) : Optional.empty();
    }

    /** Runs {@code args} under {@code window} with this process's terminal, and returns its exit status. */
    static int run(Path window, String... args) {
        List<String> command = new ArrayList<>(List.of(window.toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            // A jpackage launcher marks its child JVM's environment (_JPACKAGE_LAUNCHER); a launcher started with
            // that mark acts as a plain 'java' and would take 'gui' for a main class.
            builder.environment().keySet().removeIf(name -> name.startsWith("_JPACKAGE"));
            Process process = builder.start();
            // Ended by a signal (kill, a closed terminal), this process ends the window too rather than orphan it;
            // after a normal end the hook finds the window gone and does nothing.
            ShutdownHooks.add("window-launcher-stop", process::destroy);
            return process.waitFor();
        } catch (IOException e) {
            System.err.println("pilothouse: could not start " + window + " (" + e.getMessage()
                    + "); reinstall Pilothouse, or run it directly");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
