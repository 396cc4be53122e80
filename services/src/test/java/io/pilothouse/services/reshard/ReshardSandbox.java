package io.pilothouse.services.reshard;

import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.live.WorkspaceShardNodes;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.sharding.ShardedSchema;
import io.pilothouse.services.testing.Await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * A sharded sandbox (one Patroni member as coordinator, two shards, the demo schema) with a live model and the
 * resharding services wired the way the app wires them, for resharding tests.
 */
final class ReshardSandbox implements AutoCloseable {

    final OwnSandbox own;
    final SandboxInfo info;
    final LiveModel live;
    final Path dir;

    private ReshardSandbox(OwnSandbox own, LiveModel live, Path dir) {
        this.own = own;
        this.info = own.info();
        this.live = live;
        this.dir = dir;
    }

    static ReshardSandbox start(String prefix, long rows, Path dir) {
        OwnSandbox own = OwnSandbox.start(prefix, s -> s.withMembers(1).withScope("coord").withShards(2));
        try {
            new ShardedSchema(own.info()).create(rows, line -> { });
            LiveModel live = LiveModel.on(own.workspace());
            live.awaitHealthy("coord", 1, Duration.ofSeconds(60));
            return new ReshardSandbox(own, live, dir);
        } catch (RuntimeException | Error e) {
            own.closeCleanly();
            throw e;
        }
    }

    ReshardConnections connections() {
        return new WorkspaceReshardConnections(own.workspace(), PasswordLookup.through(LiveModel.pgpassResolver()));
    }

    ReshardService service(boolean readOnly) {
        MutationGate gate = new MutationGate(readOnly, new JsonLinesAuditLog(auditLog()), Clock.systemUTC(),
                "tester");
        MoveJournal journal = new MoveJournal(dir.resolve("journal"));
        ReshardConnections connections = connections();
        MovePlanner planner = new MovePlanner(connections, new WorkspaceShardNodes(own.workspace(), live.monitor()),
                Clock.systemUTC(), live.monitor().feed()::latest);
        return new ReshardService(OperationGuard.gateOnly(gate), live.monitor().feed()::latest, planner,
                new SplitPlanner(connections, planner),
                new PartitionMover(connections, journal, Duration.ofMillis(100)), journal,
                new ReshardGuardRails(ReshardGuardRails.DEFAULT_MAX_LAG_BYTES));
    }

    /**
     * As {@link #service(boolean)}, wired as the app wires it for operations that know about each other: the source
     * pre-checks, and the running move reported to {@code registry}; {@code blocking} runs the waiting statements.
     */
    ReshardService service(OperationGuard guard, io.pilothouse.services.locks.OperationRegistry registry,
                           java.util.concurrent.Executor blocking) {
        MoveJournal journal = new MoveJournal(dir.resolve("journal"));
        ReshardConnections connections = connections();
        MovePlanner planner = new MovePlanner(connections, new WorkspaceShardNodes(own.workspace(), live.monitor()),
                Clock.systemUTC(), live.monitor().feed()::latest);
        return new ReshardService(guard, live.monitor().feed()::latest, planner, new SplitPlanner(connections, planner),
                new PartitionMover(connections, journal, Duration.ofMillis(100), blocking), journal,
                new ReshardGuardRails(ReshardGuardRails.DEFAULT_MAX_LAG_BYTES),
                new MovePreChecks(connections, registry, live.monitor().feed()::latest), registry);
    }

    /** The gate with an audit log in the test's directory, and the sandbox's etcd operation locks. */
    OperationGuard lockingGuard(io.pilothouse.services.locks.WorkspaceLocks locks,
                                io.pilothouse.services.locks.OperationRegistry registry) {
        return OperationGuard.locking(new MutationGate(false, new JsonLinesAuditLog(auditLog()), Clock.systemUTC(),
                "tester"), locks::lockFor, registry);
    }

    Path auditLog() {
        return dir.resolve("audit.jsonl");
    }

    MoveRequest request(String partition, String toServer) {
        Member leader = coordinatorLeader();
        String source = own.workspace().sources().get(0).name();
        return new MoveRequest(source + "/coord", new ReshardNode(leader.name(), source, leader.host(),
                leader.port(), "postgres"), partition, toServer, info.superuser());
    }

    /**
     * The coordinator's leader once its PostgreSQL address is known. A leader first known through a REST seed has
     * port 0 until then (seen once: "port 0 is outside 1..65535" right after the sandbox started), so wait for it as
     * LiveSession.moveRequest does.
     */
    private Member coordinatorLeader() {
        return Await.until(Duration.ofSeconds(30), "the coordinator's leader with its PostgreSQL address",
                () -> java.util.Optional.ofNullable(live.cluster("coord")).flatMap(c -> c.leaderMember())
                        .filter(m -> m.port() > 0).orElse(null),
                m -> m != null);
    }

    Connection coordinator() throws SQLException {
        Member leader = coordinatorLeader();
        return SandboxConnections.connect(info, leader.host(), leader.port(), info.superuser(), "postgres");
    }

    Connection shard(String name) throws SQLException {
        SandboxInfo.Shard s = info.requireShard(name);
        return SandboxConnections.connect(info, s.pgHost(), s.pgPort(), info.superuser(), "postgres");
    }

    @Override
    public void close() {
        live.close();
        own.closeCleanly();
    }
}
