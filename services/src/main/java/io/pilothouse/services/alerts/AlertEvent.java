package io.pilothouse.services.alerts;

import java.time.Instant;

/**
 * An alert was raised or cleared.
 *
 * @param type  raised or cleared
 * @param alert the alert (for a cleared one: as it last was)
 * @param at    when the transition was evaluated
 */
public record AlertEvent(Type type, Alert alert, Instant at) {

    /** Which transition. */
    public enum Type {
        /** The condition held for its grace period: the alert is now active. */
        ALERT_RAISED,
        /** The condition no longer holds (or its cluster is gone): the alert is no longer active. */
        ALERT_CLEARED
    }
}
