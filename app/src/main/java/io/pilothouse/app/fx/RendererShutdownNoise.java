package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.ShutdownHooks;
import java.io.PrintStream;
import java.util.concurrent.RejectedExecutionException;

/**
 * Keeps JavaFX's own shutdown race off the terminal: on Ctrl-C or SIGTERM the JVM runs JavaFX's shutdown hook, which
 * stops the render thread, while the FX thread may still pulse; the pulse's paint job is then rejected and JavaFX
 * prints that {@link RejectedExecutionException} ("… rejected from com.sun.javafx.tk.quantum.QuantumRenderer …
 * [Terminated …]") with its stack to {@code System.err} itself. Nothing is wrong and nothing is lost at that point,
 * so once the JVM shuts down, exactly that trace is dropped; everything else still reaches the terminal.
 */
final class RendererShutdownNoise extends PrintStream {

    private static boolean installed;

    private boolean dropping;

    RendererShutdownNoise(PrintStream out) {
        super(out, true);
    }

    /** From the JVM's shutdown on, {@code System.err} drops the renderer's rejected-paint trace. */
    static synchronized void filterAtShutdown() {
        if (!installed) {
            installed = true;
            ShutdownHooks.add("renderer-shutdown-noise", () -> System.setErr(new RendererShutdownNoise(System.err)));
        }
    }

    static boolean isRendererRejection(Object x) {
        return x instanceof RejectedExecutionException e && e.getMessage() != null
                && e.getMessage().contains("QuantumRenderer");
    }

    // Throwable.printStackTrace hands every line to println(Object), the frames as Strings.
    @Override
    public synchronized void println(Object x) {
        if (dropping && x instanceof String line && (line.startsWith("\tat ") || line.startsWith("\t..."))) {
            return;
        }
        dropping = isRendererRejection(x);
        if (!dropping) {
            super.println(x);
        }
    }
}
