package io.pilothouse.services.reshard;

import io.pilothouse.services.postgres.NodeConnections;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.workspace.PostgresConfig;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;

import java.sql.Connection;
import java.sql.SQLException;

/** Nodes reached with their workspace source's passfile and TLS mode, as the role the operator names. */
public final class WorkspaceReshardConnections implements ReshardConnections {

    private final Workspace workspace;
    private final PasswordLookup passwords;

    public WorkspaceReshardConnections(Workspace workspace, PasswordLookup passwords) {
        this.workspace = workspace;
        this.passwords = passwords;
    }

    @Override
    public Connection open(ReshardNode node, String user) throws SQLException {
        try (NodeConnections connections = new NodeConnections(config(node, user), passwords,
                NodeConnections.Timeouts.LIVE_VIEW)) {
            return connections.openForOperation(node.host(), node.port());
        }
    }

    private PostgresConfig config(ReshardNode node, String user) {
        PostgresConfig base = workspace.sources().stream().filter(s -> s.name().equals(node.source())).findFirst()
                .map(SourceConfig::postgres).orElse(null);
        return base == null ? new PostgresConfig(user, node.database(), null, null)
                : base.as(user, node.database());
    }
}
