package io.pilothouse.services.postgres;

/** The SQL Pilothouse runs to watch replication. Constants only: nothing is ever concatenated into them. */
final class ReplicationQueries {

    private ReplicationQueries() {
    }

    static final String NODE = """
            SELECT pg_is_in_recovery() AS in_recovery,
                   split_part(current_setting('server_version'), ' ', 1) AS server_version,
                   CASE WHEN pg_is_in_recovery()
                        THEN extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END AS replay_delay,
                   (SELECT sum(numbackends) FROM pg_stat_database)::bigint AS backends,
                   current_setting('synchronous_standby_names') AS synchronous_standby_names
            """;

    static final String REPLICATION = """
            SELECT application_name, client_addr::text AS client_addr, state, sync_state, sync_priority,
                   pg_wal_lsn_diff(cur.lsn, sent_lsn)::bigint   AS sent_lag,
                   pg_wal_lsn_diff(cur.lsn, write_lsn)::bigint  AS write_lag_bytes,
                   pg_wal_lsn_diff(cur.lsn, flush_lsn)::bigint  AS flush_lag_bytes,
                   pg_wal_lsn_diff(cur.lsn, replay_lsn)::bigint AS replay_lag_bytes,
                   extract(epoch FROM write_lag)::float8  AS write_lag_s,
                   extract(epoch FROM flush_lag)::float8  AS flush_lag_s,
                   extract(epoch FROM replay_lag)::float8 AS replay_lag_s
              FROM pg_stat_replication,
                   LATERAL (SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn()
                                        ELSE pg_current_wal_lsn() END AS lsn) cur
            """;

    static final String WAL_RECEIVER = """
            SELECT sender_host, sender_port, status, slot_name FROM pg_stat_wal_receiver
            """;
}
