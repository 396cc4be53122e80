package io.pilothouse.services.alerts;

/** Where an alert of the history stands, at a given moment. */
public enum AlertState {
    /** Raised, not cleared, nobody has acknowledged or silenced it. */
    ACTIVE,
    /** Raised and not cleared; someone acknowledged it (it is being worked on). */
    ACKNOWLEDGED,
    /** Raised and not cleared; silenced until a time still to come: shown, but no notification. */
    SILENCED,
    /** The condition no longer holds; kept in the history. */
    CLEARED
}
