package io.pilothouse.services.history.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * What the store keeps: lag at 1 s for {@link #fullResolution}, then folded to 10 s (each metric's worst value of
 * the ten seconds) up to {@link #keep}; events, alerts, operation outcomes and snapshots for {@link #keep}; and never
 * more than {@link #maxBytes} of live data: past that, the oldest day of lag and snapshots goes first.
 *
 * @param fullResolution how long lag stays at one sample per second
 * @param keep           how long anything is kept
 * @param maxBytes       the most the store's live pages may take (the file can be briefly larger while SQLite
 *                       reuses freed pages)
 */
public record Retention(Duration fullResolution, Duration keep, long maxBytes) {

    /** 1 s for a day, 10 s for 30 days, at most 2 GiB. */
    public static final Retention DEFAULTS = new Retention(Duration.ofDays(1), Duration.ofDays(30), 2L << 30);

    private static final String DOWNSAMPLED_UNTIL = "lag_downsampled_until";

    /** Applies the policy at {@code now}; returns the bytes in use afterwards. Run on the writer's thread. */
    public long apply(Connection c, Instant now) throws SQLException {
        long keepFrom = now.minus(keep).toEpochMilli();
        downsample(c, now);
        try (PreparedStatement lag = c.prepareStatement(HistorySchema.DELETE_LAG_BEFORE)) {
            lag.setLong(1, keepFrom / 1000);
            lag.executeUpdate();
        }
        for (String delete : new String[] {HistorySchema.DELETE_EVENTS_BEFORE, HistorySchema.DELETE_ALERTS_BEFORE,
                HistorySchema.DELETE_AUDIT_BEFORE, HistorySchema.DELETE_SNAPSHOTS_BEFORE}) {
            try (PreparedStatement p = c.prepareStatement(delete)) {
                p.setLong(1, keepFrom);
                p.executeUpdate();
            }
        }
        long used = usedBytes(c);
        while (used > maxBytes) {
            Long oldest = single(c, HistorySchema.MIN_LAG_SECOND);
            if (oldest == null) {
                break;
            }
            long cut = oldest + Duration.ofDays(1).toSeconds();
            try (PreparedStatement lag = c.prepareStatement(HistorySchema.DELETE_LAG_BEFORE);
                 PreparedStatement snaps = c.prepareStatement(HistorySchema.DELETE_SNAPSHOTS_BEFORE)) {
                lag.setLong(1, cut);
                lag.executeUpdate();
                snaps.setLong(1, cut * 1000);
                snaps.executeUpdate();
            }
            used = usedBytes(c);
        }
        try (Statement s = c.createStatement()) {
            s.execute(HistorySchema.INCREMENTAL_VACUUM);
        }
        return usedBytes(c);
    }

    /** Folds whole 10 s buckets older than the full-resolution window that were not folded yet. */
    private void downsample(Connection c, Instant now) throws SQLException {
        long until = (now.minus(fullResolution).getEpochSecond() / 10) * 10;
        Long done = meta(c);
        Long oldest = single(c, HistorySchema.MIN_LAG_SECOND);
        if (oldest == null) {
            return;
        }
        long from = done == null ? (oldest / 10) * 10 : Math.max(done, (oldest / 10) * 10);
        if (from >= until) {
            return;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement fold = c.prepareStatement(HistorySchema.DOWNSAMPLE_LAG);
             PreparedStatement drop = c.prepareStatement(HistorySchema.DELETE_DOWNSAMPLED);
             PreparedStatement mark = c.prepareStatement(HistorySchema.UPSERT_META)) {
            fold.setLong(1, from);
            fold.setLong(2, until);
            fold.executeUpdate();
            drop.setLong(1, from);
            drop.setLong(2, until);
            drop.executeUpdate();
            mark.setString(1, DOWNSAMPLED_UNTIL);
            mark.setString(2, Long.toString(until));
            mark.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Bytes of the store's pages in use (not counting free pages waiting to be reused). */
    public static long usedBytes(Connection c) throws SQLException {
        Long v = single(c, HistorySchema.USED_BYTES);
        return v == null ? 0 : v;
    }

    private static Long meta(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(HistorySchema.SELECT_META)) {
            p.setString(1, DOWNSAMPLED_UNTIL);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Long.valueOf(r.getString(1)) : null;
            }
        }
    }

    private static Long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            if (!r.next()) {
                return null;
            }
            long v = r.getLong(1);
            return r.wasNull() ? null : v;
        }
    }
}
