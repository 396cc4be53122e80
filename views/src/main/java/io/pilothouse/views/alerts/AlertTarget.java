package io.pilothouse.views.alerts;

import io.pilothouse.services.alerts.AlertRule;

/** The window or pane where what an alert is about can be looked at and fixed. */
public enum AlertTarget {
    /** The topology: members, roles, streaming, the leader and its lease. */
    TOPOLOGY("Open Topology"),
    /** The lag chart of the cluster. */
    LAG("Open Lag"),
    /** The replication slots of the cluster. */
    SLOTS("Open Slots"),
    /** The in-doubt (prepared transaction) console. */
    IN_DOUBT("Open in-doubt console");

    private final String action;

    AlertTarget(String action) {
        this.action = action;
    }

    /** The button's words. */
    public String action() {
        return action;
    }

    /** Where an alert of {@code rule} is fixed. */
    public static AlertTarget of(AlertRule rule) {
        return switch (rule) {
            case SLOT_RETAINING_WAL, SLOT_INACTIVE -> SLOTS;
            case PREPARED_XACT_OLD, PREPARED_XACT_XID_AGE -> IN_DOUBT;
            case REPLICA_LAG -> LAG;
            default -> TOPOLOGY;
        };
    }
}
