package io.pilothouse.services.activity;

/**
 * The read-only statements of the activity reader (PostgreSQL 14 or later: {@code pg_locks.waitstart}). Run inside
 * a read-only transaction with a {@code statement_timeout} set by {@link ActivityReader}; {@code pg_monitor} is
 * enough to see other roles' queries.
 */
final class ActivityQueries {

    private ActivityQueries() {
    }

    /** Settings and counters, in one statement so they are taken at one moment. */
    static final String COUNTERS = """
            SELECT pg_is_in_recovery() AS in_recovery,
                   current_setting('max_connections')::int AS max_connections,
                   current_setting('superuser_reserved_connections')::int AS reserved_connections,
                   (SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database)::bigint AS transactions,
                   CASE WHEN pg_is_in_recovery() THEN NULL
                        ELSE (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint END AS wal_position,
                   (pg_last_wal_receive_lsn() - '0/0'::pg_lsn)::bigint AS received_position,
                   (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint AS replayed_position,
                   clock_timestamp() AS read_at""";

    /** Every backend but ours, with ages taken from the server's clock and the pids blocking each. */
    static final String SESSIONS = """
            SELECT a.pid, a.backend_start, a.usename, a.datname, a.application_name, host(a.client_addr) AS client,
                   a.backend_type, a.state, a.wait_event_type, a.wait_event,
                   extract(epoch FROM clock_timestamp() - a.xact_start)::float8 AS transaction_seconds,
                   coalesce(extract(epoch FROM clock_timestamp() - a.state_change), 0)::float8 AS state_seconds,
                   extract(epoch FROM clock_timestamp() - a.query_start)::float8 AS query_seconds,
                   left(a.query, 4000) AS query,
                   pg_blocking_pids(a.pid) AS blocked_by
              FROM pg_stat_activity a
             WHERE a.pid <> pg_backend_pid()
             ORDER BY a.pid""";

    /** Advisory locks, holders before waiters of each key. {@code pid} is NULL for a prepared transaction. */
    static final String ADVISORY_LOCKS = """
            SELECT l.pid, d.datname, l.classid::bigint AS classid, l.objid::bigint AS objid, l.objsubid, l.mode,
                   l.granted, extract(epoch FROM clock_timestamp() - l.waitstart)::float8 AS waiting_seconds
              FROM pg_locks l LEFT JOIN pg_database d ON d.oid = l.database
             WHERE l.locktype = 'advisory'
             ORDER BY l.classid, l.objid, l.objsubid, l.granted DESC, l.waitstart NULLS FIRST, l.pid""";

    static final String READ_ONLY = "SET TRANSACTION READ ONLY";
}
