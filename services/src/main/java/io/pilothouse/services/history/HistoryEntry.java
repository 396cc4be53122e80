package io.pilothouse.services.history;

import java.time.Instant;

/**
 * One line of a cluster's history.
 *
 * @param time     when it happened (Patroni's timestamp for timeline records, observation time for live events);
 *                 null for old timeline records that carry none
 * @param kind     what happened
 * @param member   the member concerned (the new leader for leader changes), or null
 * @param detail   one sentence for people
 * @param timeline the timeline that began, for {@link HistoryKind#TIMELINE}; otherwise null
 */
public record HistoryEntry(Instant time, HistoryKind kind, String member, String detail, Integer timeline) {
}
