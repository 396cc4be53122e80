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
 * 1-hour chart) folded in SQL to 10 s, and everything older folded into buckets of 10 s or coarser (each metric's
 * worst value of the bucket, as retention folds) chosen so that part is at most
 * {@link LagRestorePlan#OLDER_ROW_BUDGET} rows. At most {@code series × 900 + 100,000} rows (up to ~2,400 series;
 * beyond that the day folds to hours), streamed from the result set into the series without intermediate objects,
 * and cut at {@link #DEADLINE} of wall time (what was restored stays; the sampler starts).
 */
public final class LagRestore {

    /** The recent past restored at full resolution. */
    public static final long RECENT_SECONDS = 600;
    /** The past hour (the 1-hour chart) is restored at 10 s before the recent past. */
    static final long HOUR_SECONDS = 3_600;
    /** Wall time after which the restore stops and the sampler starts anyway. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final LagMetric[] METRICS = LagMetric.values();

    private LagRestore() {
    }

    /** Restores and publishes; returns the rows restored (0 when there is no store yet). */
    public static long restore(Path file, LagHistory into, Instant now, Duration window) throws SQLException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        long rows = 0;
        try (Connection c = HistoryDatabase.openReadOnly(file)) {
            Map<Long, String[]> names = series(c);
            long end = now.getEpochSecond();
            long start = end - window.toSeconds();
            // Tier edges on 10 s boundaries, so folded buckets of one tier never share a time with the next tier's.
            long recentFrom = Math.max(start, Math.floorDiv(end - RECENT_SECONDS, 10) * 10);
            long hourFrom = Math.max(start, Math.floorDiv(end - HOUR_SECONDS, 10) * 10);
            LagRestorePlan older = LagRestorePlan.of(names.size(), start, hourFrom, LagRestorePlan.OLDER_ROW_BUDGET);
            LagRestorePlan hour = LagRestorePlan.of(names.size(), hourFrom, recentFrom, Long.MAX_VALUE);
            try (PreparedStatement folded = c.prepareStatement(LagRestorePlan.SELECT_FOLDED)) {
                rows += folded(folded, older, hourFrom, names, into, deadline);
                rows += folded(folded, hour, recentFrom, names, into, deadline);
            }
            if (System.nanoTime() < deadline) {
                try (PreparedStatement recent = c.prepareStatement(LagRestorePlan.SELECT_RECENT)) {
                    recent.setLong(1, recentFrom);
                    recent.setLong(2, end);
                    rows += stream(recent, names, into);
                }
            }
        }
        into.publish();
        return rows;
    }

    private static long folded(PreparedStatement p, LagRestorePlan plan, long until, Map<Long, String[]> names,
                               LagHistory into, long deadline) throws SQLException {
        long rows = 0;
        for (long from = plan.olderFrom(); from < until && System.nanoTime() < deadline; from += plan.chunkSeconds()) {
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
