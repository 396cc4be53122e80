package io.pilothouse.app.wiring;

import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.BranchResolver;
import io.pilothouse.services.indoubt.DecisionLookup;
import io.pilothouse.services.indoubt.InDoubtAnalysis;
import io.pilothouse.services.indoubt.InDoubtOperations;
import io.pilothouse.services.indoubt.InDoubtScan;
import io.pilothouse.services.indoubt.InDoubtScanner;
import io.pilothouse.services.indoubt.PreparedXactsProbe;
import io.pilothouse.services.indoubt.QueryDecisionLookup;
import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.WorkspaceShardNodes;
import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.workspace.IndoubtConfig;
import io.pilothouse.services.workspace.PostgresConfig;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/** In-doubt (prepared) transactions of a session: scanning every primary, advice, and resolving inside its guard. */
final class InDoubtWiring {

    private final Workspace workspace;
    private final EstateMonitor monitor;
    private final OperationGuard guard;
    private final OperationRegistry registry;
    private final Executor io;

    InDoubtWiring(Workspace workspace, EstateMonitor monitor, OperationGuard guard, OperationRegistry registry,
                  Executor io) {
        this.workspace = workspace;
        this.monitor = monitor;
        this.guard = guard;
        this.registry = registry;
        this.io = io;
    }

    InDoubtScanner scanner() {
        PreparedXactsProbe probe = new PreparedXactsProbe();
        return new InDoubtScanner(monitor.feed()::latest, monitor::open, (c, node) -> probe.read(node, c),
                Clock.systemUTC());
    }

    List<AdvisedTransaction> analysis(InDoubtScan scan) {
        return InDoubtAnalysis.analyse(scan, workspace.indoubtOrDefaults(), decisionLookup());
    }

    InDoubtOperations operations() {
        return new InDoubtOperations(guard, new BranchResolver(io), (host, port, database, user) ->
                monitor.openAs(sourceOf(host, port), host, port, database, user), monitor.feed()::latest, registry);
    }

    /** The workspace's decision record query, on the primary of its source, or null when none is configured. */
    private DecisionLookup decisionLookup() {
        IndoubtConfig.DecisionConfig d = workspace.indoubtOrDefaults().decision();
        if (d == null) {
            return null;
        }
        SourceConfig source = workspace.sources().stream().filter(s -> s.name().equals(d.source())).findFirst()
                .orElseThrow();
        PostgresConfig pg = source.postgres() == null ? new PostgresConfig(null, null, null, null) : source.postgres();
        String database = d.database() == null || d.database().isBlank() ? pg.database() : d.database();
        return QueryDecisionLookup.of(d, d.source() + "/" + database, () -> {
            Member primary = monitor.feed().latest().clusters().stream()
                    .filter(c -> c.source().equals(d.source())).flatMap(c -> c.leaderMember().stream()).findFirst()
                    .orElseThrow(() -> new SQLException("source " + d.source() + " has no primary now", "08001"));
            return monitor.openAs(d.source(), primary.host(), primary.port(), database, pg.user());
        }, Duration.ofSeconds(5));
    }

    private String sourceOf(String host, int port) throws SQLException {
        return new WorkspaceShardNodes(workspace, monitor).sourceAt(host, port).orElseThrow(() -> new SQLException(
                "no cluster has a member at " + host + ":" + port, "08001"));
    }
}
