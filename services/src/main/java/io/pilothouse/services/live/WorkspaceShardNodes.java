package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.shards.map.ShardNodeConnector;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Shard nodes reached through the live workspace: a node belongs to the source whose cluster has it as a member. */
public final class WorkspaceShardNodes implements ShardNodeConnector {

    private final Workspace workspace;
    private final EstateMonitor monitor;

    public WorkspaceShardNodes(Workspace workspace, EstateMonitor monitor) {
        this.workspace = workspace;
        this.monitor = monitor;
    }

    @Override
    public Optional<String> sourceAt(String host, int port) {
        for (ClusterSnapshot c : monitor.feed().latest().clusters()) {
            if (c.members().stream().anyMatch(m -> host.equals(m.host()) && m.port() == port)) {
                return Optional.of(c.source());
            }
        }
        return workspace.sources().stream().filter(SourceConfig::isPlain)
                .filter(s -> s.nodeAddresses().stream().anyMatch(a -> a.host().equals(host) && a.port() == port))
                .map(SourceConfig::name).findFirst();
    }

    @Override
    public Connection open(String source, String host, int port, String database) throws SQLException {
        SourceConfig config = workspace.sources().stream().filter(s -> s.name().equals(source)).findFirst()
                .orElseThrow(() -> new SQLException("no source " + source + " in the workspace", "08001"));
        if (config.postgres() == null) {
            throw new SQLException("source " + source + " has no PostgreSQL settings (add `postgres:` to it)", "08001");
        }
        return monitor.openAs(source, host, port, database, config.postgres().user());
    }
}
