package io.pilothouse.services.history.store;

import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.metrics.LagMetric;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts the stored lag of the last {@code window} into a fresh {@link LagHistory}, oldest first, so the charts open on
 * the past. Must run before the sampler's first round: the lag history takes one writer per series and ignores
 * samples older than its newest.
 *
 * <p>Bounded, so the sampler waits little however large the estate: the last {@link #RECENT_SECONDS} at 1 s (the
 * default 5-minute chart and its live edge, so past and present meet without a seam), the rest of the last hour (the
 * 1-hour chart) folded in SQL to 10 s, and before that as far back as {@link LagRestorePlan#OLDER_SCAN_BUDGET} stored
 * rows reach (the whole day for up to ~23 replicas, ~4 hours for 145) folded into buckets of 10 s or coarser (each
 * metric's worst value of the bucket, as retention folds) chosen so that part is at most
 * {@link LagRestorePlan#OLDER_ROW_BUDGET} rows. Older lag stays in the store (time machine, {@code history}).
 * So at most {@code series × 3,600 + 2,000,000} stored rows are read and {@code series × 900 + 100,000} restored,
 * streamed from the result set into the series without intermediate objects; the older part is also cut after
 * {@link #OLDER_DEADLINE} of wall time (a slow disk), the last hour is always restored.
 */
public final class LagRestore {

    /** The recent past restored at full resolution. */
    public static final long RECENT_SECONDS = 600;
    /** The past hour (the 1-hour chart) is restored at 10 s before the recent past. */
    static final long HOUR_SECONDS = 3_600;
    /** Wall time after which the older part stops (the last hour is still restored, then the sampler starts). */
    static final Duration OLDER_DEADLINE = Duration.ofSeconds(10);

    private static final long NO_DEADLINE = Duration.ofDays(1).toNanos();
    private static final LagMetric[] METRICS = LagMetric.values();

    private LagRestore() {
    }

    /** Restores and publishes; returns the rows restored (0 when there is no store yet). */
    public static long restore(Path file, LagHistory into, Instant now, Duration window) throws SQLException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        long deadline = System.nanoTime() + OLDER_DEADLINE.toNanos();
        long rows = 0;
        try (Connection c = HistoryDatabase.openReadOnly(file)) {
            Map<Long, String[]> names = series(c);
            long end = now.getEpochSecond();
            long start = end - window.toSeconds();
            // Tier edges on 10 s boundaries, so folded buckets of one tier never share a time with the next tier's.
            long recentFrom = Math.max(start, Math.floorDiv(end - RECENT_SECONDS, 10) * 10);
            long hourFrom = Math.max(start, Math.floorDiv(end - HOUR_SECONDS, 10) * 10);
            long olderFrom = Math.max(start, hourFrom - LagRestorePlan.OLDER_SCAN_BUDGET / Math.max(1, names.size()));
            LagRestorePlan older = LagRestorePlan.of(names.size(), olderFrom, hourFrom, LagRestorePlan.OLDER_ROW_BUDGET);
            LagRestorePlan hour = LagRestorePlan.of(names.size(), hourFrom, recentFrom, Long.MAX_VALUE);
            try (PreparedStatement folded = c.prepareStatement(LagRestorePlan.SELECT_FOLDED)) {
                rows += folded(folded, older, hourFrom, names, into, deadline);
                rows += folded(folded, hour, recentFrom, names, into, System.nanoTime() + NO_DEADLINE);
            }
            try (PreparedStatement recent = c.prepareStatement(LagRestorePlan.SELECT_RECENT)) {
                recent.setLong(1, recentFrom);
                recent.setLong(2, end);
                rows += stream(recent, names, into);
            }
        }
        into.publish();
        return rows;
    }

    private static long folded(PreparedStatement p, LagRestorePlan plan, long until, Map<Long, String[]> names,
                               LagHistory into, long deadline) throws SQLException {
        long rows = 0;
        for (long from = plan.olderFrom(); from < until && System.nanoTime() - deadline < 0;
             from += plan.chunkSeconds()) {
            p.setLong(1, plan.bucketSeconds());
            p.setLong(2, from);
            p.setLong(3, Math.min(until, from + plan.chunkSeconds()));
            rows += stream(p, names, into);
        }
        return rows;
    }

    private static Map<Long, String[]> series(Connection c) throws SQLException {
        Map<Long, String[]> names = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(HistorySchema.SELECT_SERIES); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                names.put(r.getLong(1), new String[] {r.getString(2), r.getString(3)});
            }
        }
        return names;
    }

    /** Rows of (second, series id, m0…m(n-1)) straight into the series; returns the rows read. */
    private static long stream(PreparedStatement p, Map<Long, String[]> names, LagHistory into) throws SQLException {
        long rows = 0;
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                long millis = r.getLong(1) * 1000;
                String[] name = names.get(r.getLong(2));
                if (name == null) {
                    continue; // a series added after the names were read: the sampler brings it
                }
                for (int m = 0; m < METRICS.length; m++) {
                    long stored = r.getLong(3 + m);
                    if (!r.wasNull()) {
                        into.append(name[0], name[1], METRICS[m], millis, HistoryTables.fromStored(METRICS[m], stored));
                    }
                }
                rows++;
            }
        }
        return rows;
    }
}
