package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** How a move reaches its nodes: with the workspace's settings, as the role the operator names. */
public interface ReshardConnections {

    /**
     * A fresh autocommit connection to {@code node} as {@code user}, with timeouts long enough for DDL and lock waits
     * (statements are bounded by {@code lock_timeout} and {@code statement_timeout} set per step).
     */
    Connection open(ReshardNode node, String user) throws SQLException;

    /**
     * The password of {@code user} on {@code node}, for the subscription's connection string: the target connects to
     * the source itself. Empty when the role authenticates without one. The caller wipes the array.
     */
    Optional<char[]> password(ReshardNode node, String user);
}
