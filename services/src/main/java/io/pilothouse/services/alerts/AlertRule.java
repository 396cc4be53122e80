package io.pilothouse.services.alerts;

import java.util.Locale;

/** What an alert is about. */
public enum AlertRule {
    /**
     * A member the cluster had is missing: no source names it any more and it does not answer (its Patroni member key
     * expired after it died). Raised at once, cleared when it comes back.
     */
    MEMBER_MISSING,
    /** A replica's replay lag is above the byte or seconds threshold, for longer than the grace period. */
    REPLICA_LAG,
    /** A replica is not streaming from its upstream (stopped, crashed, replaying from archive, or no walsender). */
    REPLICA_NOT_STREAMING,
    /** No member holds the leader key, for longer than a few seconds. */
    LEADER_MISSING,
    /** A replication slot holds back more WAL than the threshold. */
    SLOT_RETAINING_WAL,
    /** A replication slot on the primary has had no consumer for longer than the grace period. */
    SLOT_INACTIVE,
    /** The last WAL archiving attempt of a node failed. */
    ARCHIVER_FAILING,
    /** A node has more client backends than the threshold, for longer than the grace period. */
    CONNECTIONS_HIGH,
    /** The leader's lease has less than a fraction of the ttl left: the leader is not renewing it. */
    LEADER_LEASE_EXPIRING,
    /** A prepared (two-phase-commit) transaction has been waiting for its COMMIT or ROLLBACK longer than allowed. */
    PREPARED_XACT_OLD,
    /** A prepared transaction's xid age passed a fraction of autovacuum_freeze_max_age: wraparound is coming. */
    PREPARED_XACT_XID_AGE,
    /** Strict synchronous mode and no standby able to confirm a commit: every commit on the leader hangs. */
    WRITES_BLOCKED,
    /**
     * The DCS and a node disagree (leader key vs recovery, sync key vs the primary, member key vs an answering node,
     * dynamic configuration vs pg_settings), for longer than a few seconds: a leader change in progress is not one.
     */
    DCS_NODE_DISAGREEMENT,
    /**
     * The traffic layer in front of the cluster disagrees with it or fails, for longer than a few seconds: writes
     * routed to a non-leader, a pooler on the old leader, Pgpool's primary not the server's, clients waiting at a
     * pooler, a backend down, a stats endpoint or admin console unreachable.
     */
    TRAFFIC_LAYER;

    private final String key = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** Lower-case, dash-separated name for JSON and ids ({@code replica-lag}). */
    public String key() {
        return key; // made once: every alert id of every evaluation starts with it
    }

    /** Short words for the panel ({@code replica lag}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
