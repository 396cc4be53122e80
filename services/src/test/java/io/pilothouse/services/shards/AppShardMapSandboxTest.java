package io.pilothouse.services.shards;

import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.live.WorkspaceShardNodes;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.shards.map.MapKind;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.NodeReach;
import io.pilothouse.services.shards.map.ShardBound;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.services.workspace.ShardMapConfig;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The application-level shard map on real shard databases: two standalone shard servers, each with database
 * {@code orders_db} holding two of the physical tables {@code orders_0..orders_3}, rows placed by the application's
 * rule (database {@code user_id % 2}, table {@code user_id % 4}). Declared once as a ShardingSphere rule file and
 * once as the workspace's {@code key % N} form; both must draw exactly what is there, name misplaced rows, and keep
 * drawing the reachable shard when the other is gone. The order is part of the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class AppShardMapSandboxTest {

    private static final int ROWS_PER_TABLE = 100;
    private static final String RULES = """
            dataSources:
              ds0: {url: "jdbc:postgresql://shard1/orders_db"}
              ds1: {url: "jdbc:postgresql://shard2/orders_db"}
            rules:
              - !SHARDING
                tables:
                  orders:
                    actualDataNodes: ds0.orders_$->{[0, 2]},ds1.orders_$->{[1, 3]}
                    databaseStrategy:
                      standard: {shardingColumn: user_id, shardingAlgorithmName: by_user_db}
                    tableStrategy:
                      standard: {shardingColumn: user_id, shardingAlgorithmName: by_user_table}
                    keyGenerateStrategy: {column: order_id, keyGeneratorName: snowflake}
                shardingAlgorithms:
                  by_user_db: {type: INLINE, props: {algorithm-expression: "ds$->{user_id % 2}"}}
                  by_user_table: {type: MOD, props: {sharding-count: 4}}
                keyGenerators:
                  snowflake: {type: SNOWFLAKE}
            """;

    @TempDir
    static Path dir;

    private static OwnSandbox own;
    private static SandboxInfo info;
    private static Workspace workspace;
    private static LiveModel live;
    private static AppShardMapReader reader;
    private static long nextOrderId = 1;

    @BeforeAll
    static void up() throws Exception {
        long started = System.nanoTime();
        own = OwnSandbox.start("pilothouse-appmap-", s -> s.withMembers(1).withScope("appmap").withShards(2));
        info = own.info();
        for (SandboxInfo.Shard s : info.shards()) {
            try (Connection c = superuser(s, "postgres"); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE orders_db");
            }
            int first = s.name().equals("shard1") ? 0 : 1;
            try (Connection c = superuser(s, "orders_db"); Statement st = c.createStatement()) {
                for (int t = first; t < 4; t += 2) {
                    st.execute("CREATE TABLE orders_" + t + " (order_id bigint PRIMARY KEY, user_id bigint NOT NULL,"
                            + " amount numeric(12,2) NOT NULL, note text)");
                }
                st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + info.monitorUser());
            }
        }
        for (int user = 1; user <= 4 * ROWS_PER_TABLE; user++) {
            insert(user, (int) (user % 4));
        }
        analyze();
        Files.writeString(dir.resolve("config-sharding.yaml"), RULES);
        Workspace base = own.workspace();
        workspace = new Workspace(base.name(), base.readOnly(), base.sources(), base.alerts(), base.indoubt(),
                List.of(shardingSphereMap(), moduloMap()));
        live = LiveModel.on(workspace);
        reader = new AppShardMapReader(workspace, dir, live.monitor().feed()::latest,
                new WorkspaceShardNodes(workspace, live.monitor()));
        System.out.printf("[up] 1 member + 2 shards, %d rows, live model in %.1f s%n", 4 * ROWS_PER_TABLE,
                (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void down() {
        if (live != null) {
            live.close();
        }
        if (own != null) {
            assertThat(own.closeCleanly()).isTrue();
        }
    }

    @Test
    @Order(1)
    void shardingSphereRulesDrawEveryShardWhereItIsWithSizesRowsAndBounds() throws Exception {
        long started = System.nanoTime();
        ShardMap map = reader.read().get(0);
        System.out.printf("[read] ShardingSphere map in %.0f ms%n", (System.nanoTime() - started) / 1e6);

        assertThat(map.kind()).isEqualTo(MapKind.APPLICATION);
        assertThat(map.name()).isEqualTo("shop");
        assertThat(map.problems()).isEmpty();
        assertNodesRead(map);
        assertThat(map.nodes()).extracting(MapNode::label)
                .containsExactly("ds0 (shard1/orders_db)", "ds1 (shard2/orders_db)");
        MapTable orders = map.table("orders").orElseThrow();
        assertThat(orders.strategy()).isEqualTo("database ds$->{user_id % 2}, table MOD(user_id, 4)");
        assertThat(orders.problems()).isEmpty();
        assertThat(orders.shards()).extracting(MapShard::name)
                .containsExactly("ds0.orders_0", "ds0.orders_2", "ds1.orders_1", "ds1.orders_3");
        assertShardsMatchTheDatabases(map, orders);
        // No write rate on a first read; one after writes between two reads.
        assertThat(orders.shards()).allSatisfy(s -> assertThat(s.writesPerSecond()).isEmpty());
        for (int user = 1; user <= 20; user++) {
            insert(user * 4 + 1, 1);
        }
        MapTable again = reader.read().get(0).table("orders").orElseThrow();
        assertThat(again.shard("ds1.orders_1").orElseThrow().writesPerSecond().orElseThrow()).isPositive();
        assertThat(again.shard("ds0.orders_0").orElseThrow().writesPerSecond()).hasValue(0.0);
    }

    @Test
    @Order(2)
    void workspaceModuloFormDrawsTheSameShards() throws Exception {
        analyze(); // row estimates are reltuples, which the writes of the previous test have outgrown
        ShardMap map = reader.read().get(1);

        assertThat(map.name()).isEqualTo("orders-mod");
        assertThat(map.problems()).isEmpty();
        assertNodesRead(map);
        assertThat(map.nodes()).extracting(MapNode::label)
                .containsExactly("shard1/orders_db", "shard2/orders_db");
        MapTable orders = map.table("orders").orElseThrow();
        assertThat(orders.strategy()).isEqualTo("user_id % 4");
        assertThat(orders.problems()).isEmpty();
        assertThat(orders.shards()).extracting(MapShard::name).containsExactly("shard1/orders_db.orders_0",
                "shard2/orders_db.orders_1", "shard1/orders_db.orders_2", "shard2/orders_db.orders_3");
        assertShardsMatchTheDatabases(map, orders);
    }

    @Test
    @Order(3)
    void rowsInTheWrongShardAreCountedAndNamedInBothForms() throws Exception {
        // 50 rows whose user_id % 4 == 2 (home: shard1's orders_2) written into shard2's orders_3 by a buggy writer.
        for (int i = 0; i < 50; i++) {
            insert(10_000 + 4 * i + 2, 3);
        }
        long sampled = Math.min(AppShardMapReader.SAMPLE_ROWS, count(info.requireShard("shard2"), "orders_3"));

        List<ShardMap> maps = reader.read();

        MapTable rules = maps.get(0).table("orders").orElseThrow();
        String expected = "50 of " + sampled + " sampled rows of ds1.orders_3 route to ds0.orders_2 by the rules";
        assertThat(rules.problems()).containsExactly(expected);
        assertThat(rules.shard("ds1.orders_3").orElseThrow().problem()).isEqualTo(expected);
        assertThat(rules.shard("ds0.orders_2").orElseThrow().problem()).isNull();
        MapTable modulo = maps.get(1).table("orders").orElseThrow();
        assertThat(modulo.problems()).containsExactly("50 of " + sampled + " sampled rows of "
                + "shard2/orders_db.orders_3 route to shard1/orders_db.orders_2 by the rules");
    }

    @Test
    @Order(4)
    void aMissingPhysicalTableIsAShardProblem() throws Exception {
        try (Connection c = superuser(info.requireShard("shard2"), "orders_db"); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE orders_1 RENAME TO orders_1_old");
        }
        try {
            MapTable orders = reader.read().get(0).table("orders").orElseThrow();
            MapShard missing = orders.shard("ds1.orders_1").orElseThrow();
            assertThat(missing.problem()).startsWith("orders_1 does not exist in shard2/orders_db");
            assertThat(missing.bytes()).isEmpty();
            assertThat(orders.problems()).contains(missing.problem());
            assertThat(orders.shard("ds1.orders_3").orElseThrow().bytes()).isPresent();
        } finally {
            try (Connection c = superuser(info.requireShard("shard2"), "orders_db");
                 Statement st = c.createStatement()) {
                st.execute("ALTER TABLE orders_1_old RENAME TO orders_1");
            }
        }
    }

    @Test
    @Order(5)
    void aShardServerThatCannotBeReachedIsFlaggedAndTheOtherStillRead() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        List<SourceConfig> sources = new ArrayList<>();
        for (SourceConfig s : workspace.sources()) {
            sources.add(!s.name().equals("shard2") ? s : new SourceConfig(s.name(), s.etcd(), s.patroni(),
                    s.postgres(), List.of("127.0.0.1:" + deadPort), s.writeEndpoint(), s.patroniUser()));
        }
        Workspace dead = new Workspace(workspace.name(), workspace.readOnly(), sources, workspace.alerts(),
                workspace.indoubt(), workspace.shardMaps());
        try (LiveModel deadLive = LiveModel.on(dead)) {
            AppShardMapReader deadReader = new AppShardMapReader(dead, dir, deadLive.monitor().feed()::latest,
                    new WorkspaceShardNodes(dead, deadLive.monitor()));
            long started = System.nanoTime();
            ShardMap map = deadReader.read().get(0);
            System.out.printf("[read] with a dead shard in %.0f ms%n", (System.nanoTime() - started) / 1e6);

            MapNode gone = map.nodes().get(1);
            assertThat(gone.reach()).isEqualTo(NodeReach.UNREACHABLE);
            assertThat(gone.port()).isEqualTo(deadPort);
            assertThat(gone.error()).contains("ds1 (shard2/orders_db) at 127.0.0.1:" + deadPort)
                    .contains("could not be read");
            assertThat(map.nodes().get(0).reach()).isEqualTo(NodeReach.READ);
            MapTable orders = map.table("orders").orElseThrow();
            assertThat(orders.shard("ds0.orders_0").orElseThrow().bytes()).isPresent();
            assertThat(orders.shard("ds0.orders_2").orElseThrow().rows()).isPresent();
            MapShard unread = orders.shard("ds1.orders_3").orElseThrow();
            assertThat(unread.bytes()).isEmpty();
            assertThat(unread.nodeId()).isEqualTo(gone.id());
            assertThat(unread.problem()).startsWith("ds1.orders_3 was not read: ");
            assertThat(orders.problems()).hasSize(2);
        }
    }

    @Test
    @Order(6)
    void citusIsAbsentOnEveryPrimaryOfTheSandboxAndGivesNoMap() throws Exception {
        CitusMapReader citus = new CitusMapReader(workspace, live.monitor().feed()::latest,
                new WorkspaceShardNodes(workspace, live.monitor()));
        var clusters = live.monitor().feed().latest().clusters();
        assertThat(clusters).extracting(c -> c.source()).contains("shard1", "shard2");
        for (var cluster : clusters) {
            var leader = cluster.leaderMember().orElseThrow();
            // Reached and read (this throws if the primary cannot be read), and the answer is: no Citus.
            assertThat(citus.readPrimary(cluster.source(), leader.host(), leader.port(), "postgres")).isEmpty();
        }
        assertThat(citus.read()).isEmpty();
    }

    private static void assertNodesRead(ShardMap map) {
        assertThat(map.nodes()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            MapNode node = map.nodes().get(i);
            SandboxInfo.Shard shard = info.shards().get(i);
            assertThat(node.reach()).as(node.id() + ": " + node.error()).isEqualTo(NodeReach.READ);
            assertThat(node.id()).isEqualTo(MapNode.idOf(shard.pgHost(), shard.pgPort(), "orders_db"));
            assertThat(node.source()).isEqualTo(shard.name());
        }
    }

    private static void assertShardsMatchTheDatabases(ShardMap map, MapTable orders) throws SQLException {
        for (MapShard s : orders.shards()) {
            int k = Integer.parseInt(s.remoteTable().substring("orders_".length()));
            SandboxInfo.Shard home = info.shards().get(k % 2);
            assertThat(s.nodeId()).isEqualTo(MapNode.idOf(home.pgHost(), home.pgPort(), "orders_db"));
            assertThat(s.bound()).isEqualTo(new ShardBound.Hash(4, k));
            assertThat(s.problem()).as(s.name()).isNull();
            long count = count(home, s.remoteTable());
            assertThat((double) s.rows().orElseThrow()).as(s.name() + " rows").isCloseTo(count, within(count * 0.1));
            long size = totalSize(home, s.remoteTable());
            assertThat((double) s.bytes().orElseThrow()).as(s.name() + " bytes").isCloseTo(size, within(size * 0.2));
        }
        assertThat(map.nodes()).extracting(MapNode::id).containsAll(orders.bytesByNode().keySet());
    }

    private static ShardMapConfig shardingSphereMap() {
        return new ShardMapConfig("shop", null, null, null, null, "config-sharding.yaml", Map.of(
                "ds0", new ShardMapConfig.DataSourceRef("shard1", "orders_db"),
                "ds1", new ShardMapConfig.DataSourceRef("shard2", "orders_db")));
    }

    private static ShardMapConfig moduloMap() {
        List<ShardMapConfig.Shard> shards = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            shards.add(new ShardMapConfig.Shard(k, "shard" + (k % 2 + 1), "orders_db", "orders_" + k));
        }
        return new ShardMapConfig("orders-mod", "orders", "user_id", 4, shards, null, null);
    }

    /** One order of {@code user} into physical table {@code orders_<table>} on the shard that holds it. */
    private static void insert(long user, int table) throws SQLException {
        SandboxInfo.Shard shard = info.shards().get(table % 2);
        try (Connection c = superuser(shard, "orders_db");
             PreparedStatement st = c.prepareStatement("INSERT INTO orders_" + table
                     + " (order_id, user_id, amount, note) VALUES (?, ?, ?, repeat('x', 40))")) {
            st.setLong(1, nextOrderId++);
            st.setLong(2, user);
            st.setBigDecimal(3, java.math.BigDecimal.valueOf(user % 997, 2));
            st.executeUpdate();
        }
    }

    private static void analyze() throws SQLException {
        for (SandboxInfo.Shard s : info.shards()) {
            try (Connection c = superuser(s, "orders_db"); Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
        }
    }

    private static long count(SandboxInfo.Shard shard, String table) throws SQLException {
        return single(shard, "SELECT count(*) FROM " + table);
    }

    private static long totalSize(SandboxInfo.Shard shard, String table) throws SQLException {
        return single(shard, "SELECT pg_total_relation_size('" + table + "')");
    }

    private static long single(SandboxInfo.Shard shard, String sql) throws SQLException {
        try (Connection c = superuser(shard, "orders_db"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection superuser(SandboxInfo.Shard shard, String database) throws SQLException {
        return SandboxConnections.connect(info, shard.pgHost(), shard.pgPort(), info.superuser(), database);
    }
}
