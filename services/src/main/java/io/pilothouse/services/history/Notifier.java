package io.pilothouse.services.history;

/**
 * Tells the user about leader changes and lost members outside the window; the app implements it with a desktop
 * notification. Called from the monitor's event thread: implementations must not block and must hand any UI work to
 * their own toolkit thread.
 */
@FunctionalInterface
public interface Notifier {

    /** Drops everything; for the CLI and tests. */
    Notifier NONE = n -> { };

    /** Shows one notification. */
    void notify(Notification notification);
}
