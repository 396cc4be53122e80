package io.pilothouse.services.model;

import java.time.Instant;

/**
 * WAL archiving of one node, from {@code pg_stat_archiver} and the {@code archive_mode} setting.
 *
 * @param archiveMode      {@code off}, {@code on} or {@code always}
 * @param archivedCount    WAL files archived since the statistics were reset
 * @param lastArchivedWal  name of the last archived WAL file, or null
 * @param lastArchivedTime when it was archived, or null
 * @param failedCount      failed attempts since the statistics were reset
 * @param lastFailedWal    name of the WAL file of the last failure, or null
 * @param lastFailedTime   when the last failure happened, or null
 * @param statsReset       when the statistics were reset, or null
 */
public record ArchiverStatus(
        String archiveMode,
        long archivedCount,
        String lastArchivedWal,
        Instant lastArchivedTime,
        long failedCount,
        String lastFailedWal,
        Instant lastFailedTime,
        Instant statsReset) {

    /** True when archive_mode is {@code on} or {@code always}. */
    public boolean enabled() {
        return "on".equalsIgnoreCase(archiveMode) || "always".equalsIgnoreCase(archiveMode);
    }

    /**
     * True when the last attempt failed: a failure newer than the last success. Old failures followed by successes
     * are history, not a problem, so {@code failedCount > 0} alone is not "failing".
     */
    public boolean failing() {
        return enabled() && lastFailedTime != null
                && (lastArchivedTime == null || lastFailedTime.isAfter(lastArchivedTime));
    }
}
