package io.pilothouse.services.reshard;

import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.live.WorkspaceShardNodes;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.sharding.ShardedSchema;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.NodeReach;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.services.shards.partitions.NativePartitionMapReader;
import io.pilothouse.services.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static io.pilothouse.services.testing.SqlProbe.count;
import static io.pilothouse.services.testing.SqlProbe.single;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shards that are Patroni clusters of their own ({@code --shard-members 2}): the live model sees them, the shard map
 * follows their primaries, the coordinator keeps writing through a shard switchover, and a move into a shard cluster
 * verifies. Tests run in order; the third switches shard1 over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class PatroniShardsSandboxTest {

    private static final Duration HEALTHY = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static OwnSandbox own;
    private static SandboxInfo info;
    private static LiveModel live;
    private static NativePartitionMapReader reader;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        own = OwnSandbox.start("pilothouse-shardmembers-",
                s -> s.withMembers(1).withScope("coord").withShards(2).withShardMembers(2));
        long t1 = System.nanoTime();
        info = own.info();
        ShardedSchema.Result schema = new ShardedSchema(info).create(20_000, line -> { });
        long t2 = System.nanoTime();
        live = LiveModel.on(own.workspace());
        reader = new NativePartitionMapReader(estate(), own.workspace(),
                new WorkspaceShardNodes(own.workspace(), live.monitor()), Clock.systemUTC());
        System.out.printf("timing: sandbox up (coordinator + 2 shard clusters of 2) %.1f s, sharded schema %.1f s "
                + "(%d orders)%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, schema.orders());
    }

    @AfterAll
    static void stop() {
        if (live != null) {
            live.close();
        }
        if (own != null) {
            assertThat(own.closeCleanly()).as("sandbox stopped cleanly").isTrue();
        }
    }

    @Test
    @Order(1)
    void liveModelSeesEachShardAsAStreamingClusterOfTwoFromTheOneEtcdSource() {
        long t0 = System.nanoTime();
        assertThat(own.workspace().sources()).hasSize(1);
        live.awaitHealthy("coord", 1, HEALTHY);
        for (String shard : List.of("shard1", "shard2")) {
            ClusterSnapshot c = live.awaitHealthy(shard, 2, HEALTHY);
            assertThat(c.members()).extracting(Member::name)
                    .containsExactlyInAnyOrder(shard + "-node1", shard + "-node2");
            assertThat(c.members()).filteredOn(m -> !m.name().equals(c.leader()))
                    .allMatch(m -> "streaming".equals(m.replicationState()));
        }
        System.out.printf("timing: live model healthy in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    @Order(2)
    void coordinatorServersNameEveryMemberAndTheMapPutsTheShardPartitionsOnTheLeaders() throws Exception {
        try (Connection c = coordinator()) {
            String options = single(c, "SELECT array_to_string(srvoptions, ' ') FROM pg_foreign_server "
                    + "WHERE srvname = 'shard1'");
            SandboxInfo.Shard shard1 = info.requireShard("shard1");
            assertThat(options).contains("host=127.0.0.1,127.0.0.1")
                    .contains("port=" + shard1.members().get(0).pgPort() + "," + shard1.members().get(1).pgPort())
                    .contains("target_session_attrs=read-write");
        }
        assertOrdersOnLeaders();
    }

    @Test
    @Order(3)
    void coordinatorKeepsWritingToAShardClusterThroughItsSwitchoverAndTheMapFollows() throws Exception {
        ClusterSnapshot before = live.awaitHealthy("shard1", 2, HEALTHY);
        String oldLeader = before.leader();
        String candidate = before.members().stream().filter(m -> !m.name().equals(oldLeader)).findFirst()
                .orElseThrow().name();
        long t0 = System.nanoTime();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(info.requireShard("shard1").requireMember(oldLeader).restUrl() + "/switchover"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"leader\":\"" + oldLeader + "\",\"candidate\":\"" + candidate + "\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        ClusterSnapshot after = Await.until(HEALTHY, "shard1 led by " + candidate + " with its old leader streaming",
                () -> live.cluster("shard1"), c -> LiveModel.isHealthy(c, 2) && candidate.equals(c.leader()));
        long t1 = System.nanoTime();

        long orderId;
        try (Connection c = coordinator()) {
            long user = Long.parseLong(single(c, "SELECT u FROM generate_series(1::bigint, 1000) u WHERE "
                    + "satisfies_hash_partition('demo.orders'::regclass, 8, 2, u) LIMIT 1"));
            orderId = Long.parseLong(single(c, "SELECT nextval('demo.order_ids')"));
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO demo.orders VALUES (?, ?, 12.34, now(), 'new')")) {
                ps.setLong(1, orderId);
                ps.setLong(2, user);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
        long t2 = System.nanoTime();
        Member leader = after.leaderMember().orElseThrow();
        try (Connection c = SandboxConnections.connect(info, leader.host(), leader.port(), info.superuser(),
                "postgres")) {
            assertThat(single(c, "SELECT count(*) FROM demo.orders_p2 WHERE order_id = " + orderId)).isEqualTo("1");
        }
        assertOrdersOnLeaders();
        System.out.printf("timing: shard1 switchover %s -> %s healthy in %.1f s; first insert through the "
                + "coordinator after it %.0f ms%n", oldLeader, candidate, (t1 - t0) / 1e9, (t2 - t1) / 1e6);
    }

    @Test
    @Order(4)
    void movesAPartitionIntoAShardClusterAfterItsSwitchoverWithAMatchedVerification() throws Exception {
        ReshardConnections connections = new WorkspaceReshardConnections(own.workspace(),
                PasswordLookup.through(LiveModel.pgpassResolver()));
        MovePlanner planner = new MovePlanner(connections, new WorkspaceShardNodes(own.workspace(), live.monitor()),
                Clock.systemUTC(), estate());
        MutationGate gate = new MutationGate(false, new JsonLinesAuditLog(dir.resolve("audit.jsonl")),
                Clock.systemUTC(), "tester");
        MoveJournal journal = new MoveJournal(dir.resolve("journal"));
        ReshardService service = new ReshardService(OperationGuard.gateOnly(gate), estate(), planner,
                new SplitPlanner(connections, planner), new PartitionMover(connections, journal,
                        Duration.ofMillis(100)), journal,
                new ReshardGuardRails(ReshardGuardRails.DEFAULT_MAX_LAG_BYTES));
        Member shard1Leader = live.awaitHealthy("shard1", 2, HEALTHY).leaderMember().orElseThrow();
        Member shard2Leader = live.awaitHealthy("shard2", 2, HEALTHY).leaderMember().orElseThrow();
        Member coordinator = live.cluster("coord").leaderMember().orElseThrow();
        String source = own.workspace().sources().get(0).name();

        long t0 = System.nanoTime();
        MovePlan plan = service.plan(new MoveRequest(source + "/coord", new ReshardNode(coordinator.name(), source,
                coordinator.host(), coordinator.port(), "postgres"), "demo.orders_p3", "shard1", info.superuser()));
        assertThat(plan.source().port()).as("source: shard2's leader").isEqualTo(shard2Leader.port());
        assertThat(plan.target().port()).as("target: shard1's leader").isEqualTo(shard1Leader.port());
        assertThat(service.refusals(plan)).isEmpty();
        MoveRecord done = service.move(plan, MoveEvents.NONE, () -> false);
        long t1 = System.nanoTime();

        assertThat(done.state()).isEqualTo(MoveState.DONE);
        assertThat(done.verification().matched()).as("verification %s", done.verification()).isTrue();
        try (Connection c = coordinator(); Connection target = SandboxConnections.connect(info, shard1Leader.host(),
                shard1Leader.port(), info.superuser(), "postgres")) {
            assertThat(single(c, "SELECT s.srvname FROM pg_foreign_table ft JOIN pg_foreign_server s "
                    + "ON s.oid = ft.ftserver WHERE ft.ftrelid = 'demo.orders_p3'::regclass")).isEqualTo("shard1");
            assertThat(count(c, "demo.orders_p3")).isEqualTo(count(target, "demo.orders_p3"))
                    .isEqualTo(done.verification().sourceRows());
        }
        System.out.printf("timing: move of demo.orders_p3 (%d rows) shard2 -> shard1 %.1f s, cutover %s%n",
                done.verification().sourceRows(), (t1 - t0) / 1e9, done.cutover());
    }

    /** orders_p2..p7 round-robin on shard1 and shard2, each on its cluster's leader now, read with sizes. */
    private static void assertOrdersOnLeaders() {
        String[] ids = new String[2];
        for (int i = 0; i < 2; i++) {
            Member leader = live.awaitHealthy("shard" + (i + 1), 2, HEALTHY).leaderMember().orElseThrow();
            ids[i] = MapNode.idOf(leader.host(), leader.port(), "postgres");
        }
        MapTable orders = Await.until(Duration.ofSeconds(30), "a map with orders_p2..p7 on the shard leaders",
                () -> coordinatorMap().table("demo.orders").orElse(null),
                t -> t != null && t.shards().stream().filter(MapShard::foreign)
                        .allMatch(s -> s.nodeId().equals(ids[(index(s) - 2) % 2])));
        for (MapShard s : orders.shards()) {
            int k = index(s);
            if (k < 2) {
                assertThat(s.foreign()).isFalse();
                continue;
            }
            assertThat(s.nodeId()).as(s.name()).isEqualTo(ids[(k - 2) % 2]);
            assertThat(s.problem()).as(s.name()).isNull();
            assertThat(s.bytes()).as(s.name() + " bytes").isPresent();
            assertThat(s.bytes().getAsLong()).as(s.name() + " bytes").isPositive();
            assertThat(s.rows()).as(s.name() + " rows").isPresent();
            assertThat(s.rows().getAsLong()).as(s.name() + " rows").isPositive();
        }
        ShardMap map = coordinatorMap();
        assertThat(map.nodes()).extracting(MapNode::id).contains(ids[0], ids[1]);
        assertThat(map.nodes()).allMatch(n -> n.reach() == NodeReach.READ);
    }

    private static int index(MapShard s) {
        return Integer.parseInt(s.name().substring("demo.orders_p".length()));
    }

    private static ShardMap coordinatorMap() {
        return reader.read().stream().filter(m -> m.name().startsWith("coord:")).findFirst().orElseThrow();
    }

    private static Supplier<EstateSnapshot> estate() {
        return () -> live.monitor().feed().latest();
    }

    private static Connection coordinator() throws SQLException {
        Member leader = live.cluster("coord").leaderMember().orElseThrow();
        return SandboxConnections.connect(info, leader.host(), leader.port(), info.superuser(), "postgres");
    }
}
