package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.SQLException;

/** How a move reaches its nodes: with the workspace's settings, as the role the operator names. */
public interface ReshardConnections {

    /**
     * A fresh autocommit connection to {@code node} as {@code user}, with timeouts long enough for DDL and lock waits
     * (statements are bounded by {@code lock_timeout} and {@code statement_timeout} set per step).
     */
    Connection open(ReshardNode node, String user) throws SQLException;
}
