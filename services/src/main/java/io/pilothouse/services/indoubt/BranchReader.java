package io.pilothouse.services.indoubt;

import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads the prepared branches of one node over a connection to it. */
@FunctionalInterface
public interface BranchReader {

    /** The branches on {@code node}; empty for a node in recovery (standbys hold none). */
    List<PreparedBranch> read(Connection connection, NodeRef node) throws SQLException;
}
