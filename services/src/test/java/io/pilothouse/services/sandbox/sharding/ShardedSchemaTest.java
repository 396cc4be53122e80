package io.pilothouse.services.sandbox.sharding;

import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ShardedSchema} and {@link OrdersWorkload} on a sandbox of their own: one Patroni member as coordinator and
 * two shards, 20,000 rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class ShardedSchemaTest {

    private static final long ROWS = 20_000;

    private static OwnSandbox own;
    private static SandboxInfo info;
    private static ShardedSchema.Result first;

    @BeforeAll
    static void start() {
        own = OwnSandbox.start("pilothouse-sharded-", s -> s.withMembers(1).withScope("sharded").withShards(2));
        info = own.info();
        first = new ShardedSchema(info).create(ROWS, line -> { });
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            assertThat(own.closeCleanly()).as("sandbox stopped cleanly").isTrue();
        }
    }

    @Test
    @Order(1)
    void ordersIsHashPartitionedInEightWithSixForeignPartitionsRoundRobinOverTheShards() throws SQLException {
        try (Connection c = coordinator("postgres")) {
            assertThat(strings(c, "SELECT partstrat::text || ':' || partnatts FROM pg_partitioned_table "
                    + "WHERE partrelid = 'demo.orders'::regclass")).containsExactly("h:1");
            List<String> partitions = strings(c, "SELECT c.relname || ' ' || c.relkind::text || ' ' "
                    + "|| coalesce(s.srvname, '-') || ' ' || pg_get_expr(c.relpartbound, c.oid) "
                    + "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                    + "LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid "
                    + "LEFT JOIN pg_foreign_server s ON s.oid = ft.ftserver "
                    + "WHERE i.inhparent = 'demo.orders'::regclass ORDER BY c.relname");
            assertThat(partitions).containsExactly(
                    "orders_p0 r - FOR VALUES WITH (modulus 8, remainder 0)",
                    "orders_p1 r - FOR VALUES WITH (modulus 8, remainder 1)",
                    "orders_p2 f shard1 FOR VALUES WITH (modulus 8, remainder 2)",
                    "orders_p3 f shard2 FOR VALUES WITH (modulus 8, remainder 3)",
                    "orders_p4 f shard1 FOR VALUES WITH (modulus 8, remainder 4)",
                    "orders_p5 f shard2 FOR VALUES WITH (modulus 8, remainder 5)",
                    "orders_p6 f shard1 FOR VALUES WITH (modulus 8, remainder 6)",
                    "orders_p7 f shard2 FOR VALUES WITH (modulus 8, remainder 7)");
            assertThat(strings(c, "SELECT srvname || ' ' || array_to_string(srvoptions, ',') FROM pg_foreign_server "
                    + "ORDER BY srvname")).containsExactly(
                    "shard1 host=127.0.0.1,port=" + info.requireShard("shard1").pgPort()
                            + ",dbname=postgres,batch_size=1000,fetch_size=1000",
                    "shard2 host=127.0.0.1,port=" + info.requireShard("shard2").pgPort()
                            + ",dbname=postgres,batch_size=1000,fetch_size=1000");
            assertThat(strings(c, "SELECT srvname || ' ' || usename FROM pg_user_mappings ORDER BY 1"))
                    .containsExactly("shard1 app", "shard1 postgres", "shard2 app", "shard2 postgres");
        }
    }

    @Test
    @Order(2)
    void countThroughTheCoordinatorEqualsTheSumOfEveryNodesOwnTables() throws SQLException {
        Map<String, Long> onNodes = new LinkedHashMap<>();
        try (Connection c = coordinator("postgres")) {
            onNodes.put("coordinator", count(c, "demo.orders_p0") + count(c, "demo.orders_p1"));
        }
        for (String shard : List.of("shard1", "shard2")) {
            try (Connection c = shard(shard, "postgres")) {
                long sum = 0;
                for (String t : strings(c, "SELECT 'demo.' || tablename FROM pg_tables WHERE schemaname = 'demo'")) {
                    sum += count(c, t);
                }
                onNodes.put(shard, sum);
            }
        }
        long sum = onNodes.values().stream().mapToLong(Long::longValue).sum();
        assertThat(onNodes.values()).as("every node holds rows: " + onNodes).allMatch(n -> n > 0);
        try (Connection c = coordinator("app")) {
            assertThat(count(c, "demo.orders")).as("as app through the coordinator").isEqualTo(sum)
                    .isEqualTo(first.orders()).isEqualTo(ROWS * 4 / 5);
            assertThat(count(c, "demo.events")).isEqualTo(ROWS / 5).isEqualTo(first.events());
            assertThat(count(c, "demo.orders WHERE user_id = 42")).as("a pruned read").isPositive();
        }
        assertThat(first.rowsByNode().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(sum);
    }

    @Test
    @Order(3)
    void eventsHasSixMonthlyPartitionsAndADefaultOneAllHoldingRowsAndEstimatesExist() throws SQLException {
        try (Connection c = coordinator("postgres")) {
            assertThat(strings(c, "SELECT partstrat::text FROM pg_partitioned_table "
                    + "WHERE partrelid = 'demo.events'::regclass")).containsExactly("r");
            List<String> parts = strings(c, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                    + "WHERE i.inhparent = 'demo.events'::regclass ORDER BY 1");
            assertThat(parts).hasSize(7).contains("events_default");
            for (String p : parts) {
                assertThat(count(c, "demo." + p)).as(p).isPositive();
            }
            assertThat(strings(c, "SELECT reltuples::bigint::text FROM pg_class WHERE oid = 'demo.orders_p0'::regclass"))
                    .as("ANALYZE ran").noneMatch(s -> s.equals("-1") || s.equals("0"));
        }
    }

    @Test
    @Order(4)
    void ordersWorkloadInsertsRowsVisibleThroughTheCoordinatorAndUpdatesSome() throws SQLException {
        long before;
        try (Connection c = coordinator("app")) {
            before = count(c, "demo.orders");
        }
        List<String> lines = new ArrayList<>();
        OrdersWorkload.Counts counts = new OrdersWorkload(info).run(
                new OrdersWorkload.Options(Duration.ofSeconds(3), 100, 1), () -> false, lines::add);

        assertThat(counts.errors()).isZero();
        assertThat(counts.inserted()).isGreaterThan(100);
        assertThat(counts.updated()).isPositive();
        assertThat(lines).hasSizeBetween(3, 4).first().asString().matches(" +1 s  inserted \\d+  updated \\d+  errors 0");
        try (Connection c = coordinator("app")) {
            assertThat(count(c, "demo.orders")).isEqualTo(before + counts.inserted());
            assertThat(count(c, "demo.orders WHERE order_id > " + ROWS * 4 / 5 + " AND status <> 'new'"))
                    .isEqualTo(counts.updated());
        }
    }

    @Test
    @Order(5)
    void creatingTheSchemaAgainReplacesItWithoutDuplicates() throws SQLException {
        ShardedSchema.Result again = new ShardedSchema(info).create(ROWS, line -> { });

        assertThat(again.orders()).isEqualTo(ROWS * 4 / 5);
        try (Connection c = coordinator("app")) {
            assertThat(count(c, "demo.orders")).isEqualTo(ROWS * 4 / 5);
            assertThat(count(c, "demo.events")).isEqualTo(ROWS / 5);
        }
        try (Connection c = coordinator("postgres")) {
            assertThat(strings(c, "SELECT srvname FROM pg_foreign_server ORDER BY 1")).containsExactly("shard1",
                    "shard2");
        }
    }

    private static Connection coordinator(String user) throws SQLException {
        return SandboxConnections.connect(info, info.members().get(0).name(), user, "postgres");
    }

    private static Connection shard(String name, String user) throws SQLException {
        SandboxInfo.Shard s = info.requireShard(name);
        return SandboxConnections.connect(info, s.pgHost(), s.pgPort(), user, "postgres");
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
