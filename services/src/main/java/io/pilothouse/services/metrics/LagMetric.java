package io.pilothouse.services.metrics;

/** One lag figure recorded per replica, each its own series. */
public enum LagMetric {
    /** Bytes between the leader's current WAL position and what it has sent to the replica. */
    SENT_BYTES(Unit.BYTES, "Sent"),
    /** Bytes between the leader's current WAL position and what the replica has written (received). */
    WRITE_BYTES(Unit.BYTES, "Write"),
    /** Bytes between the leader's current WAL position and what the replica has flushed to disk. */
    FLUSH_BYTES(Unit.BYTES, "Flush"),
    /** Bytes between the leader's current WAL position and what the replica has replayed. */
    REPLAY_BYTES(Unit.BYTES, "Replay"),
    /** {@code pg_stat_replication.write_lag} in seconds (null on an idle leader: recorded as NaN). */
    WRITE_SECONDS(Unit.SECONDS, "Write lag"),
    /** {@code pg_stat_replication.flush_lag} in seconds. */
    FLUSH_SECONDS(Unit.SECONDS, "Flush lag"),
    /** {@code pg_stat_replication.replay_lag} in seconds. */
    REPLAY_SECONDS(Unit.SECONDS, "Replay lag"),
    /** Replay delay read on the replica, with an idle primary reported as 0 (see {@link LagSampler}). */
    REPLICA_REPLAY_DELAY_SECONDS(Unit.SECONDS, "Replay delay"),
    /** Patroni's own lag figure (the DCS view, up to {@code loop_wait} old). */
    PATRONI_LAG_BYTES(Unit.BYTES, "Patroni lag"),
    /** Patroni 4.1's {@code receive_lag}: the cluster's last known WAL position minus the replica's received one. */
    PATRONI_RECEIVE_BYTES(Unit.BYTES, "Patroni receive lag"),
    /** Patroni 4.1's {@code replay_lag}: the cluster's last known WAL position minus the replica's replayed one. */
    PATRONI_REPLAY_BYTES(Unit.BYTES, "Patroni replay lag");

    /** What a metric's values count. */
    public enum Unit {
        /** WAL bytes. */
        BYTES,
        /** Seconds. */
        SECONDS
    }

    private final Unit unit;
    private final String label;

    LagMetric(Unit unit, String label) {
        this.unit = unit;
        this.label = label;
    }

    /** Bytes or seconds. */
    public Unit unit() {
        return unit;
    }

    /** Short label for legends and menus. */
    public String label() {
        return label;
    }
}
