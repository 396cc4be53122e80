package io.pilothouse.services.indoubt;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** The read-only, time-limited transaction every decision lookup runs in. */
final class ReadOnlySql {

    static final String READ_ONLY = "SET TRANSACTION READ ONLY";

    private ReadOnlySql() {
    }

    /**
     * Starts a read-only transaction on {@code c} with {@code statement_timeout} set for it alone. The caller rolls
     * back when done (nothing is ever committed).
     */
    static void begin(Connection c, Duration timeout) throws SQLException {
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try (Statement s = c.createStatement()) {
            s.execute(READ_ONLY);
            s.execute(statementTimeout(timeout));
        }
    }

    /**
     * Rolls back what {@link #begin} started, quietly: the connection is closed next anyway, and an error here must
     * not hide the one that ended the lookup.
     */
    static void end(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            // Closing the connection discards the transaction as well.
        }
    }

    /** {@code SET LOCAL statement_timeout = <ms>}: a number we computed, never outside text. */
    static String statementTimeout(Duration timeout) {
        return "SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis());
    }

    /** Seconds for {@code Statement.setQueryTimeout}: a client-side backstop a little after the server's. */
    static int clientTimeoutSeconds(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toSeconds() + 2);
    }

    /** An SQL error in one line for the evidence: state and first line of the message. */
    static String describe(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().lines()
                .findFirst().orElse("");
        return (e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ") + m;
    }
}
