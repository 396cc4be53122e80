package io.pilothouse.services.postgres;

/**
 * The server reads the pre-checks of every operation share (the switchover's and the resharding's): transactions
 * open for long, and prepared (2PC) transactions. One place, so both operations judge a server the same way.
 */
public final class OpenTransactions {

    /**
     * Client transactions open longer than {@code ?} seconds, oldest first (at most 5): pid, user, database,
     * seconds, state, and whether it holds a transaction id (has written; a new logical slot waits for it).
     */
    public static final String LONG_TRANSACTIONS = "SELECT pid, usename, datname, "
            + "extract(epoch FROM now() - xact_start) AS secs, state, backend_xid IS NOT NULL AS writes "
            + "FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() "
            + "AND xact_start < now() - make_interval(secs => ?) ORDER BY xact_start LIMIT 5";

    /** Prepared transactions, oldest first (at most 5): gid, owner, database, age in seconds. */
    public static final String PREPARED = "SELECT gid, owner, database, extract(epoch FROM now() - prepared) AS secs "
            + "FROM pg_prepared_xacts ORDER BY prepared LIMIT 5";

    /** Walsenders waiting for a lock: a logical slot being created, waiting for open transactions to end. */
    public static final String SLOTS_BEING_CREATED = "SELECT pid, application_name, "
            + "extract(epoch FROM now() - state_change) AS secs FROM pg_stat_activity "
            + "WHERE backend_type = 'walsender' AND wait_event_type = 'Lock'";

    /**
     * Locks granted on table {@code ?} (a qualified name) to other sessions or prepared transactions whose
     * transaction is older than {@code ?} seconds: who, which mode, for how long.
     */
    public static final String OLD_TABLE_LOCKS = "SELECT l.pid, coalesce(a.usename, p.owner) AS who, l.mode, "
            + "p.gid, extract(epoch FROM now() - coalesce(a.xact_start, p.prepared)) AS secs FROM pg_locks l "
            + "LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
            + "LEFT JOIN pg_prepared_xacts p ON l.pid IS NULL "
            + "AND split_part(l.virtualtransaction, '/', 2) = p.transaction::text "
            + "WHERE l.granted AND l.locktype = 'relation' AND l.relation = to_regclass(?) "
            + "AND l.pid IS DISTINCT FROM pg_backend_pid() "
            + "AND coalesce(a.xact_start, p.prepared) < now() - make_interval(secs => ?) ORDER BY secs DESC LIMIT 5";

    private OpenTransactions() {
    }
}
