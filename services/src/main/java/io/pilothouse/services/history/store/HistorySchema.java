package io.pilothouse.services.history.store;

import io.pilothouse.services.metrics.LagMetric;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The store's tables. Times are epoch milliseconds except lag, which is keyed by epoch second. Lag values are
 * integers (bytes as bytes, seconds as milliseconds), NULL when not measured: SQLite stores small integers in 0–2
 * bytes and NULL in none, which is what keeps a second of an idle replica at about 20 bytes on disk.
 */
final class HistorySchema {

    /** Lag columns {@code m0…m(n-1)}, one per {@link LagMetric} ordinal. */
    static final int METRICS = LagMetric.values().length;

    private static final String LAG_COLUMNS = IntStream.range(0, METRICS).mapToObj(i -> "m" + i)
            .collect(Collectors.joining(", "));

    static final List<String> CREATE = List.of(
            "PRAGMA auto_vacuum = INCREMENTAL",
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
            "CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, cluster TEXT NOT NULL, member TEXT NOT NULL, "
                    + "UNIQUE (cluster, member))",
            "CREATE TABLE IF NOT EXISTS lag (t INTEGER NOT NULL, series INTEGER NOT NULL, "
                    + IntStream.range(0, METRICS).mapToObj(i -> "m" + i + " INTEGER").collect(Collectors.joining(", "))
                    + ", PRIMARY KEY (t, series)) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS events (t INTEGER NOT NULL, type TEXT NOT NULL, source TEXT, scope TEXT, "
                    + "member TEXT, from_value TEXT, to_value TEXT)",
            "CREATE INDEX IF NOT EXISTS events_t ON events (t)",
            "CREATE TABLE IF NOT EXISTS alerts (t INTEGER NOT NULL, change TEXT NOT NULL, id TEXT NOT NULL, "
                    + "severity TEXT NOT NULL, rule TEXT NOT NULL, source TEXT, scope TEXT, member TEXT, message TEXT, "
                    + "since INTEGER NOT NULL)",
            "CREATE INDEX IF NOT EXISTS alerts_t ON alerts (t)",
            "CREATE TABLE IF NOT EXISTS audit (t INTEGER NOT NULL, cluster TEXT, action TEXT, outcome TEXT, line TEXT)",
            "CREATE INDEX IF NOT EXISTS audit_t ON audit (t)",
            "CREATE TABLE IF NOT EXISTS snapshots (t INTEGER PRIMARY KEY, data BLOB NOT NULL)");

    static final String PRAGMA_WAL = "PRAGMA journal_mode = WAL";
    static final String PRAGMA_SYNC = "PRAGMA synchronous = NORMAL";
    static final String QUICK_CHECK = "PRAGMA quick_check";

    static final String INSERT_SERIES = "INSERT OR IGNORE INTO series (cluster, member) VALUES (?, ?)";
    static final String SELECT_SERIES = "SELECT id, cluster, member FROM series";
    static final String INSERT_LAG = "INSERT OR REPLACE INTO lag (t, series, " + LAG_COLUMNS + ") VALUES (?, ?"
            + ", ?".repeat(METRICS) + ")";
    static final String INSERT_EVENT = "INSERT INTO events (t, type, source, scope, member, from_value, to_value) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_ALERT = "INSERT INTO alerts (t, change, id, severity, rule, source, scope, member, "
            + "message, since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_AUDIT = "INSERT INTO audit (t, cluster, action, outcome, line) VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_SNAPSHOT = "INSERT OR REPLACE INTO snapshots (t, data) VALUES (?, ?)";

    static final String SELECT_LAG_RANGE = "SELECT l.t, s.cluster, s.member, " + LAG_COLUMNS
            + " FROM lag l JOIN series s ON s.id = l.series WHERE l.t >= ? AND l.t <= ? ORDER BY l.t";
    /** The latest lag row of every series within a window before a second (scrubbing). */
    static final String SELECT_LAG_AT = "SELECT l.t, s.cluster, s.member, " + LAG_COLUMNS
            + " FROM lag l JOIN series s ON s.id = l.series JOIN (SELECT series, MAX(t) mt FROM lag "
            + "WHERE t <= ? AND t > ? GROUP BY series) x ON x.series = l.series AND x.mt = l.t";
    static final String SELECT_EVENTS = "SELECT t, type, source, scope, member, from_value, to_value FROM events "
            + "WHERE t >= ? AND t <= ? ORDER BY t";
    static final String SELECT_EVENT_AFTER = "SELECT MIN(t) FROM (SELECT MIN(t) t FROM events WHERE t > ?1 "
            + "UNION ALL SELECT MIN(t) FROM alerts WHERE t > ?1 UNION ALL SELECT MIN(t) FROM audit WHERE t > ?1)";
    static final String SELECT_EVENT_BEFORE = "SELECT MAX(t) FROM (SELECT MAX(t) t FROM events WHERE t < ?1 "
            + "UNION ALL SELECT MAX(t) FROM alerts WHERE t < ?1 UNION ALL SELECT MAX(t) FROM audit WHERE t < ?1)";
    static final String SELECT_ALERTS_AT = "SELECT a.id, a.severity, a.rule, a.source, a.scope, a.member, a.message, "
            + "a.since FROM alerts a JOIN (SELECT id, MAX(t) mt FROM alerts WHERE t <= ? GROUP BY id) x "
            + "ON x.id = a.id AND x.mt = a.t WHERE a.change = 'ALERT_RAISED'";
    static final String SELECT_ALERTS = "SELECT t, change, id, severity, rule, source, scope, member, message, since "
            + "FROM alerts WHERE t >= ? AND t <= ? ORDER BY t";
    static final String SELECT_AUDIT = "SELECT t, cluster, action, outcome FROM audit WHERE t >= ? AND t <= ? ORDER BY t";
    static final String SELECT_SNAPSHOT_TIME_AT = "SELECT MAX(t) FROM snapshots WHERE t <= ? HAVING MAX(t) IS NOT NULL";
    static final String SELECT_SNAPSHOT_DATA = "SELECT data FROM snapshots WHERE t = ?";
    static final String SELECT_RANGE = "SELECT MIN(t), MAX(t) FROM snapshots";

    /** Lag rows of a 10 s bucket folded into the bucket's first second, keeping each metric's worst value. */
    static final String DOWNSAMPLE_LAG = "INSERT OR REPLACE INTO lag (t, series, " + LAG_COLUMNS + ") SELECT "
            + "(t / 10) * 10, series, " + IntStream.range(0, METRICS).mapToObj(i -> "MAX(m" + i + ")")
            .collect(Collectors.joining(", ")) + " FROM lag WHERE t >= ? AND t < ? GROUP BY t / 10, series";
    static final String DELETE_DOWNSAMPLED = "DELETE FROM lag WHERE t >= ? AND t < ? AND t % 10 <> 0";
    static final String DELETE_LAG_BEFORE = "DELETE FROM lag WHERE t < ?";
    static final String DELETE_EVENTS_BEFORE = "DELETE FROM events WHERE t < ?";
    static final String DELETE_ALERTS_BEFORE = "DELETE FROM alerts WHERE t < ?";
    static final String DELETE_AUDIT_BEFORE = "DELETE FROM audit WHERE t < ?";
    static final String DELETE_SNAPSHOTS_BEFORE = "DELETE FROM snapshots WHERE t < ?";
    static final String MIN_LAG_SECOND = "SELECT MIN(t) FROM lag";
    static final String SELECT_META = "SELECT value FROM meta WHERE key = ?";
    static final String UPSERT_META = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)";
    static final String USED_BYTES = "SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), "
            + "pragma_freelist_count(), pragma_page_size()";
    static final String INCREMENTAL_VACUUM = "PRAGMA incremental_vacuum";

    private HistorySchema() {
    }
}
