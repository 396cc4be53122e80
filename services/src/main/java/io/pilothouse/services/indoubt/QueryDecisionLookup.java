package io.pilothouse.services.indoubt;

import io.pilothouse.services.indoubt.DecisionRecord.Source;
import io.pilothouse.services.workspace.DecisionQuery;
import io.pilothouse.services.workspace.IndoubtConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Reads decisions with the workspace's {@code indoubt.decision.query}: the global id is bound as {@code $1}
 * (untyped, so a {@code uuid} or {@code text} column both work) and the first column must be a boolean.
 *
 * <ul>
 *   <li>one row, {@code true} → committed; a second column of a timestamp type, if present, is when;</li>
 *   <li>one row, {@code false}, or no row → not committed (presumed abort: the coordinator records commits);</li>
 *   <li>{@code NULL}, several rows, a non-boolean column or an error → unknown, with the reason.</li>
 * </ul>
 *
 * <p>Runs in a read-only transaction with a statement timeout, rolled back afterwards.
 */
public final class QueryDecisionLookup implements DecisionLookup {

    private final String where;
    private final String sql;
    private final ConnectionSource connections;
    private final Duration timeout;

    /**
     * @param where       the place in words ({@code billing/node1, database billing}), for the evidence
     * @param query       the workspace query, already validated ({@link DecisionQuery#problem})
     * @param connections connections to the source's primary, in the configured database
     * @param timeout     statement timeout
     */
    public QueryDecisionLookup(String where, String query, ConnectionSource connections, Duration timeout) {
        this.where = Objects.requireNonNull(where, "where");
        DecisionQuery.problem(query).ifPresent(p -> {
            throw new IllegalArgumentException("indoubt.decision.query " + p);
        });
        this.sql = DecisionQuery.toJdbc(query);
        this.connections = Objects.requireNonNull(connections, "connections");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A lookup for a validated workspace's decision settings. */
    public static QueryDecisionLookup of(IndoubtConfig.DecisionConfig config, String where,
                                         ConnectionSource connections, Duration timeout) {
        return new QueryDecisionLookup(where, config.query(), connections, timeout);
    }

    /** The statement as sent to the driver. */
    String jdbcSql() {
        return sql;
    }

    @Override
    public DecisionRecord lookup(String globalId) {
        try (Connection c = connections.open()) {
            try {
                ReadOnlySql.begin(c, timeout);
                return query(c, globalId);
            } finally {
                ReadOnlySql.end(c);
            }
        } catch (SQLException e) {
            return DecisionRecord.unknown(Source.WORKSPACE_QUERY, where, "the decision query failed: "
                    + ReadOnlySql.describe(e));
        }
    }

    private DecisionRecord query(Connection c, String globalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(ReadOnlySql.clientTimeoutSeconds(timeout));
            ps.setObject(1, globalId, Types.OTHER);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int type = md.getColumnType(1);
                if (type != Types.BOOLEAN && type != Types.BIT) {
                    return DecisionRecord.unknown(Source.WORKSPACE_QUERY, where, "the decision query's first column "
                            + "is of type " + md.getColumnTypeName(1) + "; it must be a boolean (true = committed)");
                }
                if (!rs.next()) {
                    return DecisionRecord.notCommitted(Source.WORKSPACE_QUERY, where);
                }
                boolean committed = rs.getBoolean(1);
                boolean isNull = rs.wasNull();
                Instant at = null;
                if (md.getColumnCount() >= 2 && isTimestamp(md.getColumnType(2))) {
                    Timestamp ts = rs.getTimestamp(2);
                    at = ts == null ? null : ts.toInstant();
                }
                if (rs.next()) {
                    return DecisionRecord.unknown(Source.WORKSPACE_QUERY, where, "the decision query returned more "
                            + "than one row for " + globalId + "; it must return at most one");
                }
                if (isNull) {
                    return DecisionRecord.unknown(Source.WORKSPACE_QUERY, where, "the decision query returned NULL "
                            + "for " + globalId);
                }
                return committed ? DecisionRecord.committed(Source.WORKSPACE_QUERY, where, at)
                        : DecisionRecord.notCommitted(Source.WORKSPACE_QUERY, where);
            }
        }
    }

    private static boolean isTimestamp(int type) {
        return type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE;
    }
}
