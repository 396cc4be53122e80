package io.pilothouse.services.activity;

/** A backend's {@code pg_stat_activity.state}, as PostgreSQL 15 reports it. */
public enum SessionState {
    /** Running a statement. */
    ACTIVE("active"),
    /** Waiting for the client to send a statement, no transaction open. */
    IDLE("idle"),
    /** Inside an open transaction, waiting for the client: holds its locks and snapshot meanwhile. */
    IDLE_IN_TRANSACTION("idle in transaction"),
    /** Inside a transaction that failed, waiting for the client to roll it back; still holds its locks. */
    IDLE_IN_TRANSACTION_ABORTED("idle in transaction (aborted)"),
    /** Running a fast-path function call. */
    FASTPATH("fastpath function call"),
    /** {@code track_activities} is off for this backend. */
    DISABLED("disabled"),
    /** No state: a background process (checkpointer, walwriter, autovacuum launcher…) or a value not known here. */
    OTHER("");

    private final String wire;

    SessionState(String wire) {
        this.wire = wire;
    }

    /** The text PostgreSQL uses, or empty for {@link #OTHER}. */
    public String wireName() {
        return wire;
    }

    /** True for both idle-in-transaction states: a transaction is open and nothing runs. */
    public boolean idleInTransaction() {
        return this == IDLE_IN_TRANSACTION || this == IDLE_IN_TRANSACTION_ABORTED;
    }

    /** The state for {@code pg_stat_activity.state}; null or unknown text is {@link #OTHER}. */
    public static SessionState of(String state) {
        if (state != null) {
            for (SessionState s : values()) {
                if (s != OTHER && s.wire.equals(state)) {
                    return s;
                }
            }
        }
        return OTHER;
    }
}
