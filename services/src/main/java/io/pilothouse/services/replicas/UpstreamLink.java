package io.pilothouse.services.replicas;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One monitoring connection to the upstream, opened when first asked for and kept for every step of a run that reads
 * the upstream (the copy's progress, then streaming): a new connection per poll costs a backend and an
 * authentication each time, on the server the copy is reading. Reopened after a failure; closed when the plan ends.
 */
final class UpstreamLink implements AutoCloseable {

    private final ReplicaSql sql;
    private final String host;
    private final int port;
    private Connection connection;

    UpstreamLink(ReplicaSql sql, String host, int port) {
        this.sql = sql;
        this.host = host;
        this.port = port;
    }

    /** The open connection (opened now if none is). */
    synchronized Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = sql.monitor(host, port);
        }
        return connection;
    }

    /** Drops the connection after an error, so the next call opens a fresh one. */
    synchronized void reset() {
        close();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing a broken connection: nothing more to do with it.
            }
            connection = null;
        }
    }

    String endpoint() {
        return host + ":" + port;
    }
}
