package io.pilothouse.services.shards;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Row mapping and grouping of Citus metadata, on hand-made rows shaped like Citus's documented views. */
class CitusShardMapReaderTest {

    private final CitusShardMapReader reader = new CitusShardMapReader();

    private static Map<String, Object> shard(String table, long id, String type, Integer colocation, String node,
                                             Long size, String min, String max) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("table_name", table);
        r.put("shardid", id);
        r.put("shard_name", table + "_" + id);
        r.put("citus_table_type", type);
        r.put("colocation_id", colocation);
        r.put("nodename", node);
        r.put("nodeport", 5432);
        r.put("shard_size", size);
        r.put("shardminvalue", min);
        r.put("shardmaxvalue", max);
        return r;
    }

    private static Map<String, Object> node(int id, int group, String name, boolean should) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("nodeid", id);
        r.put("groupid", group);
        r.put("nodename", name);
        r.put("nodeport", 5432);
        r.put("isactive", true);
        r.put("noderole", "primary");
        r.put("shouldhaveshards", should);
        return r;
    }

    private static Map<String, List<Map<String, Object>>> citus(String version, List<Map<String, Object>> shards) {
        Map<String, List<Map<String, Object>>> results = new HashMap<>();
        results.put(CitusShardMapReader.DETECT_SQL, version == null ? List.of() : List.of(Map.of("extversion",
                version)));
        results.put(CitusShardMapReader.NODES_SQL, List.of(node(1, 0, "coord", false), node(2, 1, "w1", true),
                node(3, 2, "w2", true)));
        results.put(CitusShardMapReader.SHARDS_SQL, shards);
        return results;
    }

    @Test
    void distributedShardsAreGroupedAndOrderedByHashToken() throws Exception {
        List<Map<String, Object>> rows = List.of(
                shard("orders", 102009, "distributed", 2, "w2", 16384L, "0", "2147483647"),
                shard("orders", 102008, "distributed", 2, "w1", 8192L, "-2147483648", "-1"),
                shard("countries", 102010, "reference", 1, "w1", 8192L, null, null),
                shard("countries", 102010, "reference", 1, "w2", null, null, null));

        CitusShardMap map = reader.read(HandMadeRows.connection(citus("12.1-1", rows))).orElseThrow();

        assertThat(map.version()).isEqualTo("12.1-1");
        assertThat(map.nodes()).extracting(CitusNode::name).containsExactly("coord", "w1", "w2");
        assertThat(map.nodes().get(0).shouldHaveShards()).isFalse();
        CitusTable orders = map.tables().get(0);
        assertThat(orders.name()).isEqualTo("orders");
        assertThat(orders.tableType()).isEqualTo("distributed");
        assertThat(orders.colocationId()).isEqualTo(2);
        assertThat(orders.shards()).extracting(CitusShard::shardId).containsExactly(102008L, 102009L);
        assertThat(orders.shards().get(0).hasHashRange()).isTrue();
        assertThat(orders.shards().get(0).placements()).containsExactly(new CitusShard.Placement("w1", 5432, 8192));
        assertThat(orders.sizeBytes()).isEqualTo(8192 + 16384);

        CitusTable countries = map.tables().get(1);
        assertThat(countries.shards()).singleElement().satisfies(s -> {
            assertThat(s.hasHashRange()).isFalse();
            assertThat(s.placements()).extracting(CitusShard.Placement::nodeName).containsExactly("w1", "w2");
            assertThat(s.placements().get(1).sizeBytes()).isEqualTo(-1);
            assertThat(s.sizeBytes()).isEqualTo(8192);
        });
    }

    @Test
    void withoutTheExtensionNothingElseIsQueried() throws Exception {
        Map<String, List<Map<String, Object>>> onlyDetect = Map.of(CitusShardMapReader.DETECT_SQL, List.of());

        assertThat(reader.read(HandMadeRows.connection(onlyDetect))).isEmpty();
    }

    @Test
    void citusOlderThanTenIsRefusedWithAnUpgradeHint() {
        assertThatThrownBy(() -> reader.read(HandMadeRows.connection(citus("9.5-2", List.of()))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Citus 9.5-2")
                .hasMessageContaining("ALTER EXTENSION citus UPDATE");
        assertThat(CitusShardMapReader.major("10.0-3")).isEqualTo(10);
        assertThat(CitusShardMapReader.major("")).isZero();
    }

    @Test
    void sqlReadsTheDocumentedColumns() {
        assertThat(CitusShardMapReader.SHARDS_SQL).contains("pg_catalog.citus_shards", "pg_catalog.pg_dist_shard",
                "table_name", "shardid", "shard_name", "citus_table_type", "colocation_id", "nodename", "nodeport",
                "shard_size", "shardminvalue", "shardmaxvalue");
        assertThat(CitusShardMapReader.NODES_SQL).contains("pg_catalog.pg_dist_node", "nodeid", "groupid",
                "isactive", "noderole", "shouldhaveshards");
        assertThat(CitusShardMapReader.DETECT_SQL).contains("pg_extension").contains("'citus'");
    }
}
