package io.pilothouse.services.history;

import java.time.Duration;
import java.time.Instant;

/**
 * A classified leader change.
 *
 * @param kind      {@link HistoryKind#SWITCHOVER} or {@link HistoryKind#FAILOVER}
 * @param oldLeader the member that held the leader key before
 * @param newLeader the member that holds it now
 * @param lostAt    when the old leader's key was seen gone (equal to {@code electedAt} for a direct change)
 * @param electedAt when the new leader was seen
 * @param reason    why it was classified so, in words
 */
public record LeaderTransition(HistoryKind kind, String oldLeader, String newLeader, Instant lostAt, Instant electedAt,
                               String reason) {

    /** How long the cluster had no leader, as observed. */
    public Duration leaderless() {
        return Duration.between(lostAt, electedAt);
    }
}
