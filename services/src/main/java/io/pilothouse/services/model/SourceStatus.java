package io.pilothouse.services.model;

import java.time.Instant;

/**
 * Health of one source feeding a cluster's model.
 *
 * @param kind        which source
 * @param freshness   whether its data is current
 * @param lastSuccess time of the last successful read, or null if never
 * @param lastError   the last error in words, or null
 */
public record SourceStatus(SourceKind kind, Freshness freshness, Instant lastSuccess, String lastError) {

    /** A source that is configured but has not answered yet. */
    public static SourceStatus unknown(SourceKind kind) {
        return new SourceStatus(kind, Freshness.UNKNOWN, null, null);
    }
}
