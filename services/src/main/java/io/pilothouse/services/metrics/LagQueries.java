package io.pilothouse.services.metrics;

/** The SQL lag sampling runs. Constants only; the one outside value (an LSN) is a bind parameter. */
final class LagQueries {

    private LagQueries() {
    }

    /**
     * On the leader: its current WAL position and, per replica, the bytes between it and each stage, plus the
     * stage delays in seconds. A standby leader (in recovery) measures against what it has received.
     */
    static final String LEADER = """
            SELECT cur.lsn::text AS current_lsn, r.application_name,
                   pg_wal_lsn_diff(cur.lsn, r.sent_lsn)::float8   AS sent_bytes,
                   pg_wal_lsn_diff(cur.lsn, r.write_lsn)::float8  AS write_bytes,
                   pg_wal_lsn_diff(cur.lsn, r.flush_lsn)::float8  AS flush_bytes,
                   pg_wal_lsn_diff(cur.lsn, r.replay_lsn)::float8 AS replay_bytes,
                   extract(epoch FROM r.write_lag)::float8  AS write_s,
                   extract(epoch FROM r.flush_lag)::float8  AS flush_s,
                   extract(epoch FROM r.replay_lag)::float8 AS replay_s
              FROM (SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn()
                                ELSE pg_current_wal_lsn() END AS lsn) cur
              LEFT JOIN pg_stat_replication r ON true
            """;

    /**
     * On a replica, given the primary's current LSN ({@code ?}): whether it is in recovery, whether it has
     * replayed all it received, whether it has received all the primary had, and the age of the last replayed
     * transaction.
     */
    static final String REPLICA = """
            SELECT pg_is_in_recovery() AS in_recovery,
                   pg_last_wal_replay_lsn() >= pg_last_wal_receive_lsn() AS replayed_all,
                   pg_last_wal_receive_lsn() >= ?::pg_lsn AS received_all,
                   extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS xact_delay_s
            """;
}
