package io.pilothouse.services.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a JDBC connection to one PostgreSQL node; closing it gives it back. The app passes
 * {@code NodeConnections::open} so lag sampling and pre-checks reuse its pooled, time-limited connections.
 */
@FunctionalInterface
public interface ConnectionSource {
    /** A connection to {@code host:port}. */
    Connection open(String host, int port) throws SQLException;
}
