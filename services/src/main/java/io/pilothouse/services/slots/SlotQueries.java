package io.pilothouse.services.slots;

/** SQL read by {@link SlotsProbe}; every statement is a constant and read-only (works for a pg_monitor role). */
final class SlotQueries {

    private SlotQueries() {
    }

    /**
     * The node's own WAL position: written position on a primary, received position on a standby (falling back to
     * replayed when it never streamed). {@code pg_current_wal_lsn()} errors during recovery, hence the CASE.
     */
    static final String POSITION = """
            SELECT pg_is_in_recovery() AS in_recovery,
                   (CASE WHEN pg_is_in_recovery()
                         THEN coalesce(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())
                         ELSE pg_current_wal_lsn() END)::text AS wal_lsn,
                   current_setting('archive_mode') AS archive_mode
            """;

    /** Slots with the WAL each holds back, measured from the same position as {@link #POSITION}. */
    static final String SLOTS = """
            SELECT slot_name, slot_type, plugin, database, temporary, active, active_pid, wal_status,
                   safe_wal_size, restart_lsn::text AS restart_lsn, confirmed_flush_lsn::text AS confirmed_flush_lsn,
                   pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery()
                                        THEN coalesce(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())
                                        ELSE pg_current_wal_lsn() END, restart_lsn)::bigint AS retained_bytes
              FROM pg_replication_slots
             ORDER BY slot_name
            """;

    /** The archiver's counters. */
    static final String ARCHIVER = """
            SELECT archived_count, last_archived_wal, last_archived_time, failed_count, last_failed_wal,
                   last_failed_time, stats_reset
              FROM pg_stat_archiver
            """;
}
