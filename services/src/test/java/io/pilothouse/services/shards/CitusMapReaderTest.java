package io.pilothouse.services.shards;

import io.pilothouse.services.shards.map.MapKind;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.NodeReach;
import io.pilothouse.services.shards.map.ShardBound;
import io.pilothouse.services.shards.map.ShardMap;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Citus layout, read from hand-made rows shaped like Citus's documented views (Citus cannot be installed here),
 * in the common shard map model.
 */
class CitusMapReaderTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void coordinatorWorkersAndPlacementsBecomeNodesAndShardsWithTokenBoundsAndSizes() throws Exception {
        ShardMap map = map(List.of(
                shard("orders", 102009, "distributed", "w2", 16384L, "0", "2147483647"),
                shard("orders", 102008, "distributed", "w1", 8192L, "-2147483648", "-1"),
                shard("countries", 102010, "reference", "w1", 8192L, null, null),
                shard("countries", 102010, "reference", "w2", null, null, null)));

        assertThat(map.kind()).isEqualTo(MapKind.CITUS);
        assertThat(map.name()).isEqualTo("citus: app on coord:5432 (cluster-a)");
        assertThat(map.nodes()).extracting(MapNode::id)
                .containsExactly("coord:5432/app", "w1:5432/app", "w2:5432/app", "w3:5432/app");
        assertThat(map.nodes().get(0).label()).isEqualTo("coord:5432 (coordinator)");
        assertThat(map.nodes().get(0).source()).isEqualTo("cluster-a");
        assertThat(map.nodes().get(1).source()).isEqualTo("workers-1");
        assertThat(map.nodes().get(2).source()).isNull();
        assertThat(map.nodes().get(1).reach()).isEqualTo(NodeReach.READ);
        assertThat(map.nodes().get(3).reach()).isEqualTo(NodeReach.UNREACHABLE);
        assertThat(map.nodes().get(3).error()).contains("inactive").contains("citus_activate_node");

        MapTable orders = map.table("orders").orElseThrow();
        assertThat(orders.strategy()).isEqualTo("citus distributed, colocation 2");
        assertThat(orders.problems()).isEmpty();
        assertThat(orders.shards()).extracting(MapShard::name).containsExactly("orders_102008", "orders_102009");
        MapShard first = orders.shards().get(0);
        assertThat(first.bound()).isEqualTo(new ShardBound.Other("hash tokens [-2147483648, -1]"));
        assertThat(first.nodeId()).isEqualTo("w1:5432/app");
        assertThat(first.bytes()).hasValue(8192);
        assertThat(first.rows()).isEmpty();
        assertThat(first.foreign()).isFalse();
        assertThat(orders.bytesByNode()).containsExactly(Map.entry("w1:5432/app", 8192L),
                Map.entry("w2:5432/app", 16384L));

        MapTable countries = map.table("countries").orElseThrow();
        assertThat(countries.shards()).extracting(MapShard::name)
                .containsExactly("countries_102010 @ w1:5432", "countries_102010 @ w2:5432");
        assertThat(countries.shards().get(0).bound().display()).isEqualTo("every row (reference)");
        assertThat(countries.shards().get(1).bytes()).isEmpty();
    }

    @Test
    void tokenGapsOverlapsAndPlacementsOnUnknownOrInactiveNodesAreProblems() throws Exception {
        ShardMap map = map(List.of(
                shard("orders", 1, "distributed", "w1", 1L, "-2147483648", "-100"),
                shard("orders", 2, "distributed", "w2", 1L, "-200", "1000"),
                shard("orders", 3, "distributed", "w3", 1L, "2000", "2147483647"),
                shard("orders", 4, "distributed", "ghost", 1L, "1001", "1999")));

        assertThat(map.table("orders").orElseThrow().problems()).containsExactlyInAnyOrder(
                "orders_3 is on w3:5432, which Citus marks inactive",
                "orders_4 has a placement on ghost:5432, which pg_dist_node does not list",
                "orders: orders_2 overlaps hash tokens [-200, -100] of another shard");

        ShardMap gap = map(List.of(shard("orders", 1, "distributed", "w1", 1L, "-2147483648", "-1")));
        assertThat(gap.table("orders").orElseThrow().problems())
                .containsExactly("orders: hash tokens [0, 2147483647] have no shard");
    }

    private static ShardMap map(List<Map<String, Object>> shards) throws Exception {
        Map<String, List<Map<String, Object>>> results = new HashMap<>();
        results.put(CitusShardMapReader.DETECT_SQL, List.of(Map.of("extversion", "12.1-1")));
        results.put(CitusShardMapReader.NODES_SQL, List.of(node(1, 0, "coord", true), node(2, 1, "w1", true),
                node(3, 2, "w2", true), node(4, 3, "w3", false)));
        results.put(CitusShardMapReader.SHARDS_SQL, shards);
        CitusShardMap layout = new CitusShardMapReader().read(HandMadeRows.connection(results)).orElseThrow();
        return CitusMapReader.toMap("cluster-a", "coord", 5432, "app", layout,
                (host, port) -> host.equals("w1") ? Optional.of("workers-1") : Optional.empty(), NOW);
    }

    private static Map<String, Object> shard(String table, long id, String type, String node, Long size,
                                             String min, String max) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("table_name", table);
        r.put("shardid", id);
        r.put("shard_name", table + "_" + id);
        r.put("citus_table_type", type);
        r.put("colocation_id", "reference".equals(type) ? 1 : 2);
        r.put("nodename", node);
        r.put("nodeport", 5432);
        r.put("shard_size", size);
        r.put("shardminvalue", min);
        r.put("shardmaxvalue", max);
        return r;
    }

    private static Map<String, Object> node(int id, int group, String name, boolean active) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("nodeid", id);
        r.put("groupid", group);
        r.put("nodename", name);
        r.put("nodeport", 5432);
        r.put("isactive", active);
        r.put("noderole", "primary");
        r.put("shouldhaveshards", group != 0);
        return r;
    }
}
