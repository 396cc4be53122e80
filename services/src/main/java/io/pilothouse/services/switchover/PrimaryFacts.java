package io.pilothouse.services.switchover;

import java.util.List;

/**
 * What the leader is doing that a switchover would interrupt, read over SQL just before it.
 *
 * @param currentLsn         {@code pg_current_wal_lsn()} in bytes, or null
 * @param preparedXacts      open prepared (2PC) transactions
 * @param oldestPreparedSecs age of the oldest, or null
 * @param longTransactions   client transactions open for longer than the threshold, oldest first (at most 5)
 * @param baseBackups        running base backups ({@code pg_stat_progress_basebackup})
 * @param logicalSlots       logical slots and how far their consumers are behind
 * @param sqlError           why the leader could not be read, or null (then the other fields are empty)
 */
public record PrimaryFacts(Long currentLsn, int preparedXacts, Double oldestPreparedSecs,
                           List<LongTransaction> longTransactions, int baseBackups, List<LogicalSlotLag> logicalSlots,
                           String sqlError) {

    /** Settings a standby must have at least as high as its primary (else it stops replaying). */
    public static final List<String> COMPARED_SETTINGS = List.of("max_connections", "max_prepared_transactions",
            "max_worker_processes", "max_locks_per_transaction", "max_wal_senders");

    public PrimaryFacts {
        longTransactions = longTransactions == null ? List.of() : List.copyOf(longTransactions);
        logicalSlots = logicalSlots == null ? List.of() : List.copyOf(logicalSlots);
    }

    /** Nothing could be read. */
    public static PrimaryFacts unreadable(String why) {
        return new PrimaryFacts(null, 0, null, List.of(), 0, List.of(), why);
    }

    /** A transaction open for a long time. */
    public record LongTransaction(int pid, String user, String database, double seconds, String state) {
    }

    /** A logical slot: whether a consumer is attached and how many bytes it has yet to confirm. */
    public record LogicalSlotLag(String slot, boolean active, Long bytesBehind) {
    }
}
