package io.pilothouse.services.history;

/** What a history entry records. */
public enum HistoryKind {
    /** A planned leader change: the old leader handed over while healthy and stays as a replica. */
    SWITCHOVER,
    /** An unplanned leader change: the old leader had stopped answering, crashed or vanished. */
    FAILOVER,
    /** A new timeline began (from Patroni's history, or seen live when the history is not read yet). */
    TIMELINE,
    /** A member vanished from the DCS or stopped answering altogether. */
    MEMBER_LOST,
    /** A member registered, or answers again after being lost. */
    MEMBER_JOINED;

    /** Short label for chips and notifications: {@code MEMBER LOST}. */
    public String label() {
        return name().replace('_', ' ');
    }
}
