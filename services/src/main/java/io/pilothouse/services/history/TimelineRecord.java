package io.pilothouse.services.history;

import java.time.Instant;

/**
 * One entry of Patroni's history: timeline {@code timeline} ended at {@code lsn} and timeline {@code timeline + 1}
 * began, led by {@code newLeader}.
 *
 * @param timeline  the timeline that ended
 * @param lsn       WAL position (bytes) where it ended, or null when Patroni wrote none
 * @param reason    PostgreSQL's reason from the timeline history file (often "no recovery target specified"), or null
 * @param timestamp when the new timeline began (older Patroni versions omit it), or null
 * @param newLeader the member that led the new timeline (older versions omit it), or null
 */
public record TimelineRecord(int timeline, Long lsn, String reason, Instant timestamp, String newLeader) {

    /** The timeline that began with this record. */
    public int nextTimeline() {
        return timeline + 1;
    }
}
