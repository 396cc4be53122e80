package io.pilothouse.app.wiring;

/** The one place the app creates a raw thread: JVM shutdown hooks must be {@link Thread}s. */
public final class ShutdownHooks {

    private ShutdownHooks() {
    }

    /** Runs {@code action} when the JVM exits (normal exit, Ctrl-C, SIGTERM). */
    public static void add(String name, Runnable action) {
        Runtime.getRuntime().addShutdownHook(new Thread(action, name));
    }
}
