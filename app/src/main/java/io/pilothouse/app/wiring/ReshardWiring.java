package io.pilothouse.app.wiring;

import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.WorkspaceShardNodes;
import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.reshard.CitusRebalanceService;
import io.pilothouse.services.reshard.MoveJournal;
import io.pilothouse.services.reshard.MovePlanner;
import io.pilothouse.services.reshard.MovePreChecks;
import io.pilothouse.services.reshard.PartitionMover;
import io.pilothouse.services.reshard.ReshardConnections;
import io.pilothouse.services.reshard.ReshardGuardRails;
import io.pilothouse.services.reshard.ReshardService;
import io.pilothouse.services.reshard.SplitPlanner;
import io.pilothouse.services.reshard.WorkspaceReshardConnections;
import io.pilothouse.services.shards.AppShardMapReader;
import io.pilothouse.services.shards.CitusMapReader;
import io.pilothouse.services.shards.map.ShardMapReader;
import io.pilothouse.services.shards.map.ShardNodeConnector;
import io.pilothouse.services.shards.partitions.NativePartitionMapReader;
import io.pilothouse.services.workspace.Workspace;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/** Shard maps and resharding of a session: readers over its sources, moves inside its guard. */
final class ReshardWiring {

    private final Workspace workspace;
    private final EstateMonitor monitor;
    private final OperationGuard guard;
    private final OperationRegistry registry;
    private final Executor io;
    private ShardMapReader shardMaps;

    ReshardWiring(Workspace workspace, EstateMonitor monitor, OperationGuard guard, OperationRegistry registry,
                  Executor io) {
        this.workspace = workspace;
        this.monitor = monitor;
        this.guard = guard;
        this.registry = registry;
        this.io = io;
    }

    ShardNodeConnector shardNodes() {
        return new WorkspaceShardNodes(workspace, monitor);
    }

    synchronized ShardMapReader shardMaps() {
        // One reader per session: it keeps the previous write counters, which write rates are computed from.
        if (shardMaps == null) {
            // Rule files were made absolute when the workspace was loaded, so no base directory is needed here.
            shardMaps = ShardMapReader.all(List.of(
                    new NativePartitionMapReader(monitor.feed()::latest, workspace, shardNodes(), Clock.systemUTC()),
                    new AppShardMapReader(workspace, null, monitor.feed()::latest, shardNodes()),
                    new CitusMapReader(workspace, monitor.feed()::latest, shardNodes())));
        }
        return shardMaps;
    }

    ReshardService reshard() {
        ReshardConnections connections = new WorkspaceReshardConnections(workspace, Passwords.standardChain());
        MoveJournal journal = new MoveJournal(AuditLogs.path().toAbsolutePath().getParent().resolve("reshard"));
        MovePlanner planner = new MovePlanner(connections, shardNodes(), Clock.systemUTC(), monitor.feed()::latest);
        return new ReshardService(guard, monitor.feed()::latest, planner, new SplitPlanner(connections, planner),
                new PartitionMover(connections, journal, Duration.ofMillis(250), io), journal,
                new ReshardGuardRails(ReshardGuardRails.DEFAULT_MAX_LAG_BYTES),
                new MovePreChecks(connections, registry, monitor.feed()::latest), registry);
    }

    CitusRebalanceService citusRebalance() {
        return new CitusRebalanceService(guard,
                new WorkspaceReshardConnections(workspace, Passwords.standardChain()), Duration.ofSeconds(1));
    }
}
