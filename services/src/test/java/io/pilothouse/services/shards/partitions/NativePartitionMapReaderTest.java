package io.pilothouse.services.shards.partitions;

import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.live.WorkspaceShardNodes;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.sharding.ShardedSchema;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.NodeReach;
import io.pilothouse.services.shards.map.ShardBound;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.services.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link NativePartitionMapReader} on a sandbox of its own: one Patroni member as postgres_fdw coordinator, two
 * shards, the demo schema with 20,000 rows. Tests run in order; the last one stops shard2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class NativePartitionMapReaderTest {

    private static OwnSandbox own;
    private static SandboxInfo info;
    private static LiveModel live;
    private static NativePartitionMapReader reader;

    @BeforeAll
    static void start() {
        own = OwnSandbox.start("pilothouse-shardmap-", s -> s.withMembers(1).withScope("shardmap").withShards(2));
        info = own.info();
        new ShardedSchema(info).create(20_000, line -> { });
        live = LiveModel.on(own.workspace());
        reader = new NativePartitionMapReader(live.monitor().feed()::latest, own.workspace(),
                new WorkspaceShardNodes(own.workspace(), live.monitor()), Clock.systemUTC());
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
    void mapsOrdersAsEightHashPartitionsTwoLocalSixRoundRobinOnTheShardsWithTheirSizes() throws SQLException {
        ShardMap map = coordinatorMap();
        SandboxInfo.Member coordinator = info.members().get(0);
        String coordinatorId = MapNode.idOf(coordinator.pgHost(), coordinator.pgPort(), "postgres");
        assertThat(map.nodes()).extracting(MapNode::id).containsExactly(coordinatorId, shardId("shard1"),
                shardId("shard2"));
        assertThat(map.nodes()).allMatch(n -> n.reach() == NodeReach.READ);
        assertThat(map.node(shardId("shard1")).orElseThrow().label()).isEqualTo("shard1");
        assertThat(map.problems()).isEmpty();

        MapTable orders = map.table("demo.orders").orElseThrow();
        assertThat(orders.strategy()).isEqualTo("hash (user_id)");
        assertThat(orders.problems()).isEmpty();
        assertThat(orders.shards()).extracting(MapShard::name)
                .containsExactlyElementsOf(IntStream.range(0, 8).mapToObj(k -> "demo.orders_p" + k).toList());
        for (int k = 0; k < 8; k++) {
            MapShard s = orders.shards().get(k);
            String node = k < 2 ? coordinatorId : shardId(k % 2 == 0 ? "shard1" : "shard2");
            assertThat(s.bound()).isEqualTo(new ShardBound.Hash(8, k));
            assertThat(s.nodeId()).as(s.name()).isEqualTo(node);
            assertThat(s.foreign()).isEqualTo(k >= 2);
            assertThat(s.remoteTable()).isEqualTo("demo.orders_p" + k);
            assertThat(s.problem()).isNull();
            assertThat(s.writesPerSecond()).as("no rate on the first read").isEmpty();
            try (Connection c = on(node)) {
                long count = single(c, "SELECT count(*) FROM demo.orders_p" + k);
                long bytes = single(c, "SELECT pg_total_relation_size('demo.orders_p" + k + "')");
                assertThat((double) s.rows().getAsLong()).as(s.name() + " rows").isCloseTo(count,
                        within(count * 0.10));
                assertThat((double) s.bytes().getAsLong()).as(s.name() + " bytes").isCloseTo(bytes,
                        within(bytes * 0.20));
            }
        }
        assertThat(orders.bytesByNode()).containsOnlyKeys(coordinatorId, shardId("shard1"), shardId("shard2"));
        assertThat(orders.skew()).hasValueSatisfying(v -> assertThat(v).isBetween(1.0, 1.5));
    }

    @Test
    @Order(2)
    void mapsEventsAsSixMonthlyRangesAndADefaultWithoutGaps() {
        MapTable events = coordinatorMap().table("demo.events").orElseThrow();
        assertThat(events.strategy()).isEqualTo("range (happened_at)");
        assertThat(events.problems()).isEmpty();
        assertThat(events.shards()).hasSize(7);
        List<ShardBound> bounds = events.shards().stream().map(MapShard::bound).toList();
        assertThat(bounds.subList(0, 6)).allMatch(b -> b instanceof ShardBound.Range);
        assertThat(bounds.get(6)).isEqualTo(new ShardBound.Default());
        for (int i = 1; i < 6; i++) {
            assertThat(((ShardBound.Range) bounds.get(i)).from()).as("months follow each other in order")
                    .isEqualTo(((ShardBound.Range) bounds.get(i - 1)).to());
        }
        assertThat(events.shards()).allMatch(s -> !s.foreign() && s.bytes().isPresent());
    }

    @Test
    @Order(3)
    void writeRatesAppearForThePartitionWrittenOnItsShard() throws SQLException {
        ShardMap before = coordinatorMap();
        try (Connection c = on(shardId("shard1")); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO demo.orders_p2 (order_id, user_id, amount, created_at, status) "
                    + "SELECT 900000000 + g, g, 1, now(), 'new' FROM generate_series(1, 500) g");
        }
        // Statistics reach pg_stat_user_tables once the writing backend flushes them; the rate over the rounds
        // between two reads shows them whenever that happens.
        ShardMap[] last = {before};
        ShardMap[] pair = Await.until(Duration.ofSeconds(20), "a write rate on demo.orders_p2", () -> {
            ShardMap previous = last[0];
            last[0] = coordinatorMap();
            return new ShardMap[] {previous, last[0]};
        }, p -> rate(p[1], "demo.orders_p2") > 0);
        double seconds = Duration.between(pair[0].readAt(), pair[1].readAt()).toNanos() / 1e9;
        double p2 = rate(pair[1], "demo.orders_p2");
        assertThat(p2 * seconds).as("the 500 rows written over the time between the two reads")
                .isCloseTo(500, within(150.0));
        assertThat(pair[1].table("demo.orders").orElseThrow().shards())
                .allMatch(s -> s.writesPerSecond().isPresent());
        assertThat(rate(pair[1], "demo.orders_p3")).as("untouched").isZero();
    }

    @Test
    @Order(4)
    void reportsAGapInHashRemaindersAMissingRemoteTableAndAPartitionOnAServerNotInTheWorkspace()
            throws SQLException {
        try (Connection c = on(coordinatorMap().nodes().get(0).id()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE demo.gappy (id bigint) PARTITION BY HASH (id)");
            for (int r : new int[] {0, 1, 3}) {
                st.execute("CREATE TABLE demo.gappy_" + r + " PARTITION OF demo.gappy "
                        + "FOR VALUES WITH (modulus 4, remainder " + r + ")");
            }
            st.execute("CREATE SERVER deadend FOREIGN DATA WRAPPER postgres_fdw "
                    + "OPTIONS (host '127.0.0.1', port '1', dbname 'postgres')");
            st.execute("CREATE TABLE demo.mixed (id bigint) PARTITION BY HASH (id)");
            st.execute("CREATE TABLE demo.mixed_0 PARTITION OF demo.mixed FOR VALUES WITH (modulus 3, remainder 0)");
            st.execute("CREATE FOREIGN TABLE demo.mixed_1 PARTITION OF demo.mixed "
                    + "FOR VALUES WITH (modulus 3, remainder 1) SERVER shard1 OPTIONS (table_name 'nowhere')");
            st.execute("CREATE FOREIGN TABLE demo.mixed_2 PARTITION OF demo.mixed "
                    + "FOR VALUES WITH (modulus 3, remainder 2) SERVER deadend");
            // Bounds that sort differently as text ('100' < '9') than as numbers: only the key type orders them.
            st.execute("CREATE TABLE demo.spans (n int) PARTITION BY RANGE (n)");
            st.execute("CREATE TABLE demo.spans_low PARTITION OF demo.spans FOR VALUES FROM (MINVALUE) TO (9)");
            st.execute("CREATE TABLE demo.spans_mid PARTITION OF demo.spans FOR VALUES FROM (9) TO (20)");
            st.execute("CREATE TABLE demo.spans_high PARTITION OF demo.spans FOR VALUES FROM (100) TO (MAXVALUE)");
            st.execute("CREATE TABLE demo.nested (n int) PARTITION BY LIST (n)");
            st.execute("CREATE TABLE demo.nested_small PARTITION OF demo.nested FOR VALUES IN (1, 2) "
                    + "PARTITION BY HASH (n)");
            st.execute("CREATE TABLE demo.nested_small_0 PARTITION OF demo.nested_small "
                    + "FOR VALUES WITH (modulus 2, remainder 0)");
            st.execute("CREATE TABLE demo.nested_small_1 PARTITION OF demo.nested_small "
                    + "FOR VALUES WITH (modulus 2, remainder 1)");
            st.execute("CREATE TABLE demo.nested_other PARTITION OF demo.nested DEFAULT");
            st.execute("CREATE SERVER homeless FOREIGN DATA WRAPPER postgres_fdw");
            st.execute("CREATE TABLE demo.lost (id bigint) PARTITION BY HASH (id)");
            st.execute("CREATE FOREIGN TABLE demo.lost_0 PARTITION OF demo.lost "
                    + "FOR VALUES WITH (modulus 1, remainder 0) SERVER homeless");
        }
        ShardMap map = coordinatorMap();
        assertThat(map.table("demo.gappy").orElseThrow().problems()).containsExactly(
                "gap: remainder 2 of modulus 4 has no partition — rows hashing there are refused");
        MapTable mixed = map.table("demo.mixed").orElseThrow();
        String dead = MapNode.idOf("127.0.0.1", 1, "postgres");
        assertThat(map.node(dead).orElseThrow().reach()).isEqualTo(NodeReach.NOT_IN_WORKSPACE);
        assertThat(map.node(dead).orElseThrow().error()).contains("no workspace source has a member at 127.0.0.1:1");
        assertThat(mixed.shard("demo.mixed_1").orElseThrow().problem()).isEqualTo("demo.mixed_1 has no table "
                + "demo.nowhere on shard1 (" + shardId("shard1") + ")");
        assertThat(mixed.shard("demo.mixed_2").orElseThrow().problem()).contains("deadend (" + dead + ")")
                .contains("not in the workspace");
        assertThat(mixed.problems()).hasSize(2);
        assertThat(mixed.shard("demo.mixed_0").orElseThrow().bytes()).isPresent();
        assertThat(map.table("demo.orders").orElseThrow().problems()).isEmpty();
        MapTable spans = map.table("demo.spans").orElseThrow();
        assertThat(spans.strategy()).isEqualTo("range (n), no default partition");
        assertThat(spans.shards()).extracting(MapShard::name)
                .containsExactly("demo.spans_low", "demo.spans_mid", "demo.spans_high");
        assertThat(spans.problems()).containsExactly("gap: no partition holds keys from 20 to 100 "
                + "(between demo.spans_mid and demo.spans_high) — rows there are refused");
        MapTable nested = map.table("demo.nested").orElseThrow();
        assertThat(nested.shards()).extracting(s -> s.name() + " " + s.bound().display()).containsExactly(
                "demo.nested_small_0 in (1, 2) / 0 mod 2", "demo.nested_small_1 in (1, 2) / 1 mod 2",
                "demo.nested_other default");
        assertThat(nested.problems()).isEmpty();
        assertThat(map.tables()).extracting(MapTable::name).doesNotContain("demo.nested_small");
        MapShard lost = map.table("demo.lost").orElseThrow().shard("demo.lost_0").orElseThrow();
        assertThat(lost.nodeId()).isNull();
        assertThat(lost.problem()).isEqualTo("demo.lost_0 has no home: foreign server homeless names no host "
                + "(or no valid port); set its host and port options");
        assertThat(map.table("demo.lost").orElseThrow().problems()).containsExactly(lost.problem());
        assertThat(map.nodes()).hasSize(4);
    }

    @Test
    @Order(5)
    void aStoppedShardIsUnreachableWithItsErrorWhileEveryOtherShardKeepsItsSize() throws Exception {
        SandboxInfo.Shard shard2 = info.requireShard("shard2");
        long pid = Long.parseLong(Files.readAllLines(shard2.dataDir().resolve("postmaster.pid")).get(0).trim());
        // SIGINT is PostgreSQL's fast shutdown: it does not wait for the live model's sessions to end.
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor()).isZero();
        Await.until(Duration.ofSeconds(30), "shard2 stopped listening", () -> listening(shard2), l -> !l);

        ShardMap map = coordinatorMap();
        MapNode node = map.node(shardId("shard2")).orElseThrow();
        assertThat(node.reach()).isEqualTo(NodeReach.UNREACHABLE);
        assertThat(node.error()).startsWith("could not read shard2 (" + shardId("shard2") + ") as source shard2: ")
                .contains("check that the server is running");
        assertThat(map.node(shardId("shard1")).orElseThrow().reach()).isEqualTo(NodeReach.READ);
        MapTable orders = map.table("demo.orders").orElseThrow();
        for (MapShard s : orders.shards()) {
            if (shardId("shard2").equals(s.nodeId())) {
                assertThat(s.bytes()).isEmpty();
                assertThat(s.problem()).isEqualTo(s.name() + " is on shard2 (" + shardId("shard2")
                        + "), which could not be read: sizes unknown");
            } else {
                assertThat(s.bytes()).as(s.name()).isPresent();
                assertThat(s.problem()).isNull();
            }
        }
        assertThat(orders.problems()).hasSize(3).allMatch(p -> p.contains("shard2"));
    }

    private static double rate(ShardMap map, String shard) {
        return map.table("demo.orders").orElseThrow().shard(shard).orElseThrow().writesPerSecond().orElse(-1);
    }

    private static boolean listening(SandboxInfo.Shard shard) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(shard.pgHost(), shard.pgPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ShardMap coordinatorMap() {
        List<ShardMap> maps = reader.read();
        assertThat(maps).as("one coordinator in the sandbox").hasSize(1);
        return maps.get(0);
    }

    private static String shardId(String name) {
        SandboxInfo.Shard s = info.requireShard(name);
        return MapNode.idOf(s.pgHost(), s.pgPort(), "postgres");
    }

    private static Connection on(String nodeId) throws SQLException {
        String endpoint = nodeId.substring(0, nodeId.indexOf('/'));
        int colon = endpoint.lastIndexOf(':');
        return SandboxConnections.connect(info, endpoint.substring(0, colon),
                Integer.parseInt(endpoint.substring(colon + 1)), info.superuser(), "postgres");
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
