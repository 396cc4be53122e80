package io.pilothouse.services.history.store;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertRule;
import io.pilothouse.services.alerts.AlertSeverity;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterEventType;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the store: events and lag for export, the moment at a second for the time machine, the stored past for
 * the lag charts. Its own read-only connection (SQLite's WAL lets it read while the writer writes). Not
 * thread-safe: one reader per consumer thread.
 */
public final class HistoryReader implements AutoCloseable {

    /** How far back a scrubbed second looks for lag samples (a 10 s bucket once downsampled, plus slack). */
    static final long LAG_WINDOW_SECONDS = 15;

    private static final LagMetric[] METRICS = LagMetric.values();
    /** The kind of a stored operation outcome. */
    public static final String OPERATION = "OPERATION";

    private final Connection c;
    private final SnapshotCache snapshots = new SnapshotCache(SnapshotCache.DEFAULT_CAPACITY);

    private HistoryReader(Connection c) {
        this.c = c;
    }

    /** Opens the store at {@code file} read-only; fails with a clear message when there is none. */
    public static HistoryReader open(Path file) throws SQLException {
        return new HistoryReader(HistoryDatabase.openReadOnly(file));
    }

    /** The first and last second that can be rebuilt (first and last snapshot), if any. */
    public Optional<Instant[]> range() throws SQLException {
        try (PreparedStatement p = c.prepareStatement(HistorySchema.SELECT_RANGE); ResultSet r = p.executeQuery()) {
            if (!r.next() || r.getObject(1) == null) {
                return Optional.empty();
            }
            return Optional.of(new Instant[] {Instant.ofEpochMilli(r.getLong(1)), Instant.ofEpochMilli(r.getLong(2))});
        }
    }

    /** Events, alert changes and operation outcomes between two instants, oldest first. */
    public List<StoredEvent> events(Instant from, Instant to) throws SQLException {
        List<StoredEvent> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(HistorySchema.SELECT_EVENTS)) {
            bind(p, from.toEpochMilli(), to.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredEvent(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7)));
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(HistorySchema.SELECT_ALERTS)) {
            bind(p, from.toEpochMilli(), to.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredEvent(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(6),
                            r.getString(7), r.getString(8), r.getString(4), r.getString(9)));
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(HistorySchema.SELECT_AUDIT)) {
            bind(p, from.toEpochMilli(), to.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String cluster = r.getString(2);
                    int slash = cluster == null ? -1 : cluster.indexOf('/');
                    out.add(new StoredEvent(Instant.ofEpochMilli(r.getLong(1)), OPERATION,
                            slash < 0 ? null : cluster.substring(0, slash),
                            slash < 0 ? cluster : cluster.substring(slash + 1), null, r.getString(3), r.getString(4)));
                }
            }
        }
        out.sort(Comparator.comparing(StoredEvent::at));
        return out;
    }

    /** The model events (not alerts or operations) between two instants, oldest first, as the monitor sent them. */
    public List<ClusterEvent> modelEvents(Instant from, Instant to) throws SQLException {
        List<ClusterEvent> out = new ArrayList<>();
        for (StoredEvent e : events(from, to)) {
            ClusterEventType type = typeOf(e.kind());
            if (type != null) {
                out.add(new ClusterEvent(type, e.source(), e.scope(), e.member(), e.from(), e.to(), e.at()));
            }
        }
        return out;
    }

    private static ClusterEventType typeOf(String kind) {
        for (ClusterEventType t : ClusterEventType.values()) {
            if (t.name().equals(kind)) {
                return t;
            }
        }
        return null;
    }

    /** Lag rows between two seconds, oldest first. */
    public List<StoredLag> lag(long fromSecond, long toSecond) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(HistorySchema.SELECT_LAG_RANGE)) {
            bind(p, fromSecond, toSecond);
            return lagRows(p);
        }
    }

    /** The moment at {@code at}, or empty when nothing was stored before it. */
    public Optional<PastMoment> momentAt(Instant at) throws SQLException {
        Instant taken;
        try (PreparedStatement p = c.prepareStatement(HistorySchema.SELECT_SNAPSHOT_TIME_AT)) {
            p.setLong(1, at.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                taken = Instant.ofEpochMilli(r.getLong(1));
            }
        }
        // Dragging the slider moves second by second within one snapshot's span, and scrubbing goes back and forth
        // over the same minutes: decode each snapshot once while it is among the last few used.
        io.pilothouse.services.model.EstateSnapshot decoded = snapshots.get(taken);
        if (decoded == null) {
            try (PreparedStatement p = c.prepareStatement(HistorySchema.SELECT_SNAPSHOT_DATA)) {
                p.setLong(1, taken.toEpochMilli());
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty(); // removed by retention meanwhile
                    }
                    decoded = SnapshotCodec.decode(r.getBytes(1));
                    snapshots.put(taken, decoded);
                }
            }
        }
        List<StoredLag> lag;
        try (PreparedStatement p = c.prepareStatement(HistorySchema.SELECT_LAG_AT)) {
            bind(p, at.getEpochSecond(), at.getEpochSecond() - LAG_WINDOW_SECONDS);
            lag = lagRows(p);
        }
        return Optional.of(new PastMoment(at, taken, MomentLag.overlay(decoded, lag, at),
                alertsAt(at)));
    }

    /** The first event after {@code t}, if any (keyboard stepping). */
    public Optional<Instant> eventAfter(Instant t) throws SQLException {
        return instant(HistorySchema.SELECT_EVENT_AFTER, t);
    }

    /** The last event before {@code t}, if any. */
    public Optional<Instant> eventBefore(Instant t) throws SQLException {
        return instant(HistorySchema.SELECT_EVENT_BEFORE, t);
    }

    private ActiveAlerts alertsAt(Instant at) throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(HistorySchema.SELECT_ALERTS_AT)) {
            p.setLong(1, at.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    alerts.add(new Alert(r.getString(1), AlertSeverity.valueOf(r.getString(2)),
                            AlertRule.valueOf(r.getString(3)), r.getString(4), r.getString(5), r.getString(6),
                            r.getString(7), Instant.ofEpochMilli(r.getLong(8))));
                }
            }
        }
        alerts.sort(Alert.ORDER);
        return new ActiveAlerts(alerts, at.toEpochMilli(), at);
    }

    private Optional<Instant> instant(String sql, Instant t) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, t.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                long v = r.getLong(1);
                return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
            }
        }
    }

    private static List<StoredLag> lagRows(PreparedStatement p) throws SQLException {
        List<StoredLag> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                double[] v = new double[HistorySchema.METRICS];
                for (int m = 0; m < v.length; m++) {
                    long stored = r.getLong(4 + m);
                    v[m] = r.wasNull() ? Double.NaN : HistoryTables.fromStored(METRICS[m], stored);
                }
                out.add(new StoredLag(r.getLong(1), r.getString(2), r.getString(3), v));
            }
        }
        return out;
    }

    private static void bind(PreparedStatement p, long a, long b) throws SQLException {
        p.setLong(1, a);
        p.setLong(2, b);
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
