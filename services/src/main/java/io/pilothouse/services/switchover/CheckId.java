package io.pilothouse.services.switchover;

/**
 * Every pre-check of a switchover or failover, with a stable identifier: scripts read {@code --dry-run --json}
 * output and audit records by these IDs, so they never change once released.
 */
public enum CheckId {
    LEADER_PRESENT("cluster.leader", "Leader"),
    REST_REACHABLE("candidate.rest", "REST API"),
    CANDIDATE_STATE("candidate.state", "State"),
    NOFAILOVER("candidate.nofailover", "nofailover"),
    FAILOVER_PRIORITY("candidate.failover_priority", "Priority"),
    LAG_BYTES("candidate.lag_bytes", "Lag (bytes)"),
    LAG_SECONDS("candidate.lag_seconds", "Lag (time)"),
    TIMELINE("candidate.timeline", "Timeline"),
    SYNCHRONOUS("candidate.sync", "Sync / loss"),
    PENDING_RESTART("candidate.pending_restart", "Restart"),
    SETTINGS("candidate.settings", "Settings"),
    PAUSED("cluster.paused", "Paused"),
    SCHEDULED("cluster.scheduled", "Scheduled"),
    PREPARED_XACTS("primary.prepared_xacts", "2PC"),
    LONG_TRANSACTIONS("primary.long_transactions", "Long tx"),
    BASE_BACKUPS("primary.base_backups", "Backups"),
    LOGICAL_SLOTS("primary.logical_slots", "Logical slots"),
    ETCD("cluster.etcd", "etcd"),
    VERSION_SKEW("cluster.patroni_versions", "Versions");

    private final String id;
    private final String title;

    CheckId(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The stable identifier, e.g. {@code candidate.lag_bytes}. */
    public String id() {
        return id;
    }

    /** A short column title for the matrix. */
    public String title() {
        return title;
    }
}
