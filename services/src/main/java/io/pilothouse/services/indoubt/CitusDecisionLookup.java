package io.pilothouse.services.indoubt;

import io.pilothouse.services.indoubt.DecisionRecord.Source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a Citus distributed transaction's decision from {@code pg_dist_transaction(groupid, gid)} on the node that
 * initiated it (the group in its gids, {@code citus_<groupid>_…}; the coordinator, group 0, unless a worker started
 * it). Citus inserts one row per prepared branch (the worker's group and the branch's gid) in the initiator's local
 * transaction, which commits before any branch is committed, and deletes a row once its branch is gone. So for a
 * branch still prepared: a row means the transaction committed, no row that it did not (Citus's own recovery,
 * {@code recover_prepared_transactions()}, commits and rolls back on exactly that rule, for transactions no longer in
 * progress).
 *
 * <p>Detects first whether Citus is installed there, and says so when it is not.
 */
public final class CitusDecisionLookup implements DecisionLookup {

    /** Is Citus installed in the connected database (and which version). */
    static final String DETECT_SQL = "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'citus'";

    /** The recovery records of every branch of one distributed transaction: gids starting with its global id. */
    static final String RECORDS_SQL = "SELECT groupid, gid FROM pg_catalog.pg_dist_transaction "
            + "WHERE starts_with(gid, ?) ORDER BY groupid, gid";

    private final String where;
    private final ConnectionSource initiator;
    private final Duration timeout;

    /**
     * @param where     the initiating node in words, for the evidence
     * @param initiator connections to the initiating node (see {@link #initiatorGroup}), in the Citus database
     * @param timeout   statement timeout
     */
    public CitusDecisionLookup(String where, ConnectionSource initiator, Duration timeout) {
        this.where = Objects.requireNonNull(where, "where");
        this.initiator = Objects.requireNonNull(initiator, "initiator");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Whether Citus is installed in a database, as {@link #detect} found it. */
    public record Presence(boolean installed, String version) {

        /** In words, for the console. */
        public String describe() {
            return installed ? "Citus " + version + " is installed"
                    : "Citus is not installed (pg_extension has no 'citus' row), so there is no pg_dist_transaction "
                    + "to consult";
        }
    }

    /** Whether Citus is installed in the database {@code c} is connected to. */
    public static Presence detect(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DETECT_SQL)) {
            return rs.next() ? new Presence(true, rs.getString(1)) : new Presence(false, null);
        }
    }

    /** The group id of the node that initiated a Citus global transaction (or branch gid), or -1 if it is not one. */
    public static int initiatorGroup(String globalIdOrGid) {
        return CitusGidPattern.initiatorGroup(globalIdOrGid);
    }

    /** The parameter of {@link #RECORDS_SQL}: the global id and the {@code _} before the connection id. */
    static String gidPrefix(String globalId) {
        return globalId + "_";
    }

    @Override
    public DecisionRecord lookup(String globalId) {
        if (initiatorGroup(globalId) < 0) {
            return DecisionRecord.unknown(Source.CITUS_DIST_TRANSACTION, where, "'" + globalId
                    + "' is not a Citus global transaction id (citus_<groupid>_<pid>_<txnumber>)");
        }
        try (Connection c = initiator.open()) {
            try {
                ReadOnlySql.begin(c, timeout);
                Presence presence = detect(c);
                if (!presence.installed()) {
                    return DecisionRecord.unknown(Source.CITUS_DIST_TRANSACTION, where, presence.describe());
                }
                List<String> records = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(RECORDS_SQL)) {
                    ps.setQueryTimeout(ReadOnlySql.clientTimeoutSeconds(timeout));
                    ps.setString(1, gidPrefix(globalId));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            records.add("group " + rs.getInt(1) + ": " + rs.getString(2));
                        }
                    }
                }
                return records.isEmpty() ? DecisionRecord.notCommitted(Source.CITUS_DIST_TRANSACTION, where)
                        : new DecisionRecord(DecisionRecord.Outcome.COMMITTED, Source.CITUS_DIST_TRANSACTION, where,
                        null, "recovery records: " + String.join(", ", records));
            } finally {
                ReadOnlySql.end(c);
            }
        } catch (SQLException e) {
            return DecisionRecord.unknown(Source.CITUS_DIST_TRANSACTION, where, "pg_dist_transaction could not be "
                    + "read: " + ReadOnlySql.describe(e));
        }
    }
}
