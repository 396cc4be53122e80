package io.pilothouse.services.history.store;

import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.metrics.LagMetric;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Puts the stored lag of the last {@code window} into a fresh {@link LagHistory}, oldest first, so the charts open on
 * the past. Must run before the sampler's first round: the lag history takes one writer per series and ignores
 * samples older than its newest.
 */
public final class LagRestore {

    private static final LagMetric[] METRICS = LagMetric.values();
    /** Lag restored per query, so memory stays flat however large the store is. */
    private static final long CHUNK_SECONDS = 600;

    private LagRestore() {
    }

    /** Restores and publishes; returns the rows restored (0 when there is no store yet). */
    public static long restore(Path file, LagHistory into, Instant now, Duration window) throws SQLException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return 0;
        }
        long rows = 0;
        try (HistoryReader r = HistoryReader.open(file)) {
            long end = now.getEpochSecond();
            for (long from = end - window.toSeconds(); from <= end; from += CHUNK_SECONDS) {
                for (StoredLag l : r.lag(from, Math.min(end, from + CHUNK_SECONDS - 1))) {
                    for (LagMetric m : METRICS) {
                        double v = l.values()[m.ordinal()];
                        if (!Double.isNaN(v)) {
                            into.append(l.cluster(), l.member(), m, l.epochSecond() * 1000, v);
                        }
                    }
                    rows++;
                }
            }
        }
        into.publish();
        return rows;
    }
}
