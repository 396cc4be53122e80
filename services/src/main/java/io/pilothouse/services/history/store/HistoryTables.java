package io.pilothouse.services.history.store;

import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.model.ClusterEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes batches of records into an open store, one transaction per batch. Single writer. */
final class HistoryTables {

    private static final LagMetric[] METRICS = LagMetric.values();

    private final Connection c;
    private final Map<String, Long> seriesIds = new HashMap<>();

    HistoryTables(Connection c) throws SQLException {
        this.c = c;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(HistorySchema.SELECT_SERIES)) {
            while (r.next()) {
                seriesIds.put(key(r.getString(2), r.getString(3)), r.getLong(1));
            }
        }
    }

    /** Writes {@code batch} in one transaction. */
    void write(List<HistoryRecord> batch) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement lag = c.prepareStatement(HistorySchema.INSERT_LAG);
             PreparedStatement events = c.prepareStatement(HistorySchema.INSERT_EVENT);
             PreparedStatement alerts = c.prepareStatement(HistorySchema.INSERT_ALERT);
             PreparedStatement audit = c.prepareStatement(HistorySchema.INSERT_AUDIT);
             PreparedStatement snapshots = c.prepareStatement(HistorySchema.INSERT_SNAPSHOT)) {
            for (HistoryRecord r : batch) {
                if (r instanceof HistoryRecord.Lag l) {
                    addLag(lag, l);
                } else if (r instanceof HistoryRecord.Event e) {
                    addEvent(events, e.event());
                } else if (r instanceof HistoryRecord.AlertChange a) {
                    addAlert(alerts, a);
                } else if (r instanceof HistoryRecord.Audit a) {
                    addAudit(audit, a);
                } else if (r instanceof HistoryRecord.Snapshot s) {
                    snapshots.setLong(1, s.at().toEpochMilli());
                    snapshots.setBytes(2, SnapshotCodec.encode(s.estate()));
                    snapshots.addBatch();
                }
            }
            lag.executeBatch();
            events.executeBatch();
            alerts.executeBatch();
            audit.executeBatch();
            snapshots.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            seriesIds.clear(); // ids inserted in the rolled-back transaction are gone; re-read them on next use
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void addLag(PreparedStatement p, HistoryRecord.Lag l) throws SQLException {
        p.setLong(1, l.epochSecond());
        p.setLong(2, seriesId(l.cluster(), l.member()));
        for (int m = 0; m < HistorySchema.METRICS; m++) {
            double v = m < l.values().length ? l.values()[m] : Double.NaN;
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                p.setNull(3 + m, Types.INTEGER);
            } else {
                p.setLong(3 + m, toStored(METRICS[m], v));
            }
        }
        p.addBatch();
    }

    /** Bytes stay bytes; seconds are kept as milliseconds, so both are small integers. */
    static long toStored(LagMetric metric, double value) {
        return metric.unit() == LagMetric.Unit.SECONDS ? Math.round(value * 1000) : Math.round(value);
    }

    static double fromStored(LagMetric metric, long stored) {
        return metric.unit() == LagMetric.Unit.SECONDS ? stored / 1000.0 : stored;
    }

    private static void addEvent(PreparedStatement p, ClusterEvent e) throws SQLException {
        p.setLong(1, e.observedAt().toEpochMilli());
        p.setString(2, e.type().name());
        p.setString(3, e.source());
        p.setString(4, e.scope());
        p.setString(5, e.member());
        p.setString(6, e.from());
        p.setString(7, e.to());
        p.addBatch();
    }

    private static void addAlert(PreparedStatement p, HistoryRecord.AlertChange change) throws SQLException {
        Alert a = change.event().alert();
        p.setLong(1, change.event().at().toEpochMilli());
        p.setString(2, change.event().type().name());
        p.setString(3, a.id());
        p.setString(4, a.severity().name());
        p.setString(5, a.rule().name());
        p.setString(6, a.source());
        p.setString(7, a.cluster());
        p.setString(8, a.member());
        p.setString(9, a.message());
        p.setLong(10, a.since().toEpochMilli());
        p.addBatch();
    }

    private static void addAudit(PreparedStatement p, HistoryRecord.Audit a) throws SQLException {
        p.setLong(1, a.at().toEpochMilli());
        p.setString(2, a.cluster());
        p.setString(3, a.action());
        p.setString(4, a.outcome());
        p.setString(5, a.json());
        p.addBatch();
    }

    private long seriesId(String cluster, String member) throws SQLException {
        Long id = seriesIds.get(key(cluster, member));
        if (id != null) {
            return id;
        }
        try (PreparedStatement p = c.prepareStatement(HistorySchema.INSERT_SERIES)) {
            p.setString(1, cluster);
            p.setString(2, member);
            p.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(HistorySchema.SELECT_SERIES)) {
            while (r.next()) {
                seriesIds.put(key(r.getString(2), r.getString(3)), r.getLong(1));
            }
        }
        return seriesIds.get(key(cluster, member));
    }

    private static String key(String cluster, String member) {
        return cluster + '\u0000' + member;
    }
}
