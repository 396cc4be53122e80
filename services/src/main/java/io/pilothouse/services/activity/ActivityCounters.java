package io.pilothouse.services.activity;

import java.time.Instant;

/**
 * The cumulative counters of one read, from which rates are taken between two reads.
 *
 * @param at                the server's clock when read
 * @param transactions      {@code sum(xact_commit + xact_rollback)} over {@code pg_stat_database}
 * @param walPosition       {@code pg_current_wal_lsn()} in bytes on a primary, null on a standby
 * @param receivedPosition  {@code pg_last_wal_receive_lsn()} in bytes on a standby, null on a primary or when
 *                          nothing was received by streaming
 * @param replayedPosition  {@code pg_last_wal_replay_lsn()} in bytes on a standby, null on a primary
 */
public record ActivityCounters(Instant at, long transactions, Long walPosition, Long receivedPosition,
                               Long replayedPosition) {

    /** The position WAL moves by on this node: written on a primary, replayed on a standby. */
    public Long advancingPosition() {
        return walPosition != null ? walPosition : replayedPosition;
    }
}
