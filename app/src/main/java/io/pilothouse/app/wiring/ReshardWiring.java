package io.pilothouse.app.wiring;

import io.pilothouse.services.live.WorkspaceShardNodes;
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

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Shard maps and resharding of a session: readers over its sources, moves inside its guard. */
final class ReshardWiring {

    private final SessionParts parts;
    private ShardMapReader shardMaps;

    ReshardWiring(SessionParts parts) {
        this.parts = parts;
    }

    ShardNodeConnector shardNodes() {
        return new WorkspaceShardNodes(parts.workspace(), parts.monitor());
    }

    synchronized ShardMapReader shardMaps() {
        // One reader per session: it keeps the previous write counters, which write rates are computed from.
        if (shardMaps == null) {
            // Rule files were made absolute when the workspace was loaded, so no base directory is needed here.
            shardMaps = ShardMapReader.all(List.of(
                    new NativePartitionMapReader(parts.monitor().feed()::latest, parts.workspace(), shardNodes(),
                            Clock.systemUTC()),
                    new AppShardMapReader(parts.workspace(), null, parts.monitor().feed()::latest, shardNodes()),
                    new CitusMapReader(parts.workspace(), parts.monitor().feed()::latest, shardNodes())));
        }
        return shardMaps;
    }

    ReshardService reshard() {
        ReshardConnections connections = new WorkspaceReshardConnections(parts.workspace(), Passwords.standardChain());
        MoveJournal journal = new MoveJournal(AuditLogs.path().toAbsolutePath().getParent().resolve("reshard"));
        MovePlanner planner = new MovePlanner(connections, shardNodes(), Clock.systemUTC(),
                parts.monitor().feed()::latest);
        return new ReshardService(parts.guard(), parts.monitor().feed()::latest, planner,
                new SplitPlanner(connections, planner),
                new PartitionMover(connections, journal, Duration.ofMillis(250), parts.io()), journal,
                new ReshardGuardRails(ReshardGuardRails.DEFAULT_MAX_LAG_BYTES),
                new MovePreChecks(connections, parts.registry(), parts.monitor().feed()::latest), parts.registry());
    }

    CitusRebalanceService citusRebalance() {
        return new CitusRebalanceService(parts.guard(),
                new WorkspaceReshardConnections(parts.workspace(), Passwords.standardChain()), Duration.ofSeconds(1));
    }
}
