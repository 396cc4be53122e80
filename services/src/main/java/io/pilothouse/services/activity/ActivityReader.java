package io.pilothouse.services.activity;

import static io.pilothouse.services.postgres.Columns.nullableDouble;
import static io.pilothouse.services.postgres.Columns.nullableInt;
import static io.pilothouse.services.postgres.Columns.nullableLong;

import io.pilothouse.services.model.NodeRef;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one node's activity through a connection the caller owns: three short statements in one read-only
 * transaction whose {@code statement_timeout} bounds each, and a client-side query timeout a little later as a
 * backstop, so a stuck node costs at most a few seconds. The transaction is rolled back afterwards.
 */
public final class ActivityReader {

    private final Duration timeout;

    /** @param timeout the longest any one statement may run */
    public ActivityReader(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        this.timeout = timeout;
    }

    /** Reads {@code node} through {@code c}. */
    public ActivityReading read(NodeRef node, Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute(ActivityQueries.READ_ONLY);
                // A number we computed, never outside text.
                s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
            }
            return readIn(node, c);
        } finally {
            try {
                c.rollback();
                c.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                // The connection goes back to its pool, which resets or discards it.
            }
        }
    }

    private ActivityReading readIn(NodeRef node, Connection c) throws SQLException {
        boolean inRecovery;
        int maxConnections;
        int reserved;
        ActivityCounters counters;
        try (PreparedStatement ps = statement(c, ActivityQueries.COUNTERS); ResultSet rs = ps.executeQuery()) {
            rs.next();
            inRecovery = rs.getBoolean("in_recovery");
            maxConnections = rs.getInt("max_connections");
            reserved = rs.getInt("reserved_connections");
            counters = new ActivityCounters(rs.getObject("read_at", OffsetDateTime.class).toInstant(),
                    rs.getLong("transactions"), nullableLong(rs, "wal_position"),
                    nullableLong(rs, "received_position"), nullableLong(rs, "replayed_position"));
        }
        List<ActivitySession> sessions = new ArrayList<>();
        try (PreparedStatement ps = statement(c, ActivityQueries.SESSIONS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sessions.add(session(rs));
            }
        }
        List<AdvisoryLock> locks = new ArrayList<>();
        try (PreparedStatement ps = statement(c, ActivityQueries.ADVISORY_LOCKS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                locks.add(new AdvisoryLock(nullableInt(rs, "pid"), rs.getString("datname"),
                        AdvisoryLock.key(rs.getLong("classid"), rs.getLong("objid"), rs.getInt("objsubid")),
                        rs.getString("mode"), rs.getBoolean("granted"), nullableDouble(rs, "waiting_seconds")));
            }
        }
        return new ActivityReading(node, inRecovery, maxConnections, reserved, sessions, locks, counters);
    }

    private PreparedStatement statement(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toSeconds() + 2));
        return ps;
    }

    private static ActivitySession session(ResultSet rs) throws SQLException {
        OffsetDateTime started = rs.getObject("backend_start", OffsetDateTime.class);
        return new ActivitySession(rs.getInt("pid"), started == null ? null : started.toInstant(),
                rs.getString("usename"), rs.getString("datname"), rs.getString("application_name"),
                rs.getString("client"), rs.getString("backend_type"), SessionState.of(rs.getString("state")),
                rs.getString("wait_event_type"), rs.getString("wait_event"),
                nullableDouble(rs, "transaction_seconds"), rs.getDouble("state_seconds"),
                nullableDouble(rs, "query_seconds"), rs.getString("query"), pids(rs.getArray("blocked_by")));
    }

    private static List<Integer> pids(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<Integer> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(((Number) v).intValue());
        }
        return out;
    }
}
