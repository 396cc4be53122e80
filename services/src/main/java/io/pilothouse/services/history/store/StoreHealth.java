package io.pilothouse.services.history.store;

/** How the history store is doing, as a banner would say it. */
public enum StoreHealth {
    /** Not opened yet (the writer opens the file off the UI thread). */
    OPENING,
    /** Recording normally. */
    RECORDING,
    /** The file was unreadable or corrupt: it was moved aside and a new, empty store started. */
    REBUILT,
    /** The store cannot be written (directory not writable, disk full): the live view goes on without it. */
    BYPASSED,
    /** Closed with the session. */
    CLOSED;

    /** True when this state deserves a warning banner. */
    public boolean isWarning() {
        return this == REBUILT || this == BYPASSED;
    }
}
