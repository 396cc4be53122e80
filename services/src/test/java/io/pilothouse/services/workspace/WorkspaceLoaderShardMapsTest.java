package io.pilothouse.services.workspace;

import io.pilothouse.services.workspace.sharding.AppShardMap;
import io.pilothouse.services.workspace.sharding.DataNode;
import io.pilothouse.services.workspace.sharding.ShardedTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The optional top-level {@code shardMaps:} key of a workspace file. */
class WorkspaceLoaderShardMapsTest {

    private static final String SOURCES = """
            name: w
            sources:
              - name: shard-a
                patroni: ["http://127.0.0.1:8008"]
              - name: shard-b
                patroni: ["http://127.0.0.2:8008"]
            """;

    private static final String MODULO = SOURCES + """
            shardMaps:
              - name: orders by user
                table: orders
                key: user_id
                modulo: 3
                shards:
                  - {index: 0, source: shard-a, database: app}
                  - {index: 1, source: shard-b, database: app}
                  - {index: 2, source: shard-b, database: app2, table: orders_2}
            """;

    private static final String SHARDING_SPHERE = """
            dataSources:
              ds0: {jdbcUrl: "jdbc:postgresql://a/shop"}
              ds1: {jdbcUrl: "jdbc:postgresql://b/shop"}
            rules:
              - !SHARDING
                tables:
                  orders:
                    actualDataNodes: ds$->{0..1}.orders_$->{0..9}
                    databaseStrategy: {standard: {shardingColumn: user_id, shardingAlgorithmName: db}}
                    tableStrategy: {standard: {shardingColumn: user_id, shardingAlgorithmName: t}}
                shardingAlgorithms:
                  db: {type: INLINE, props: {algorithm-expression: "ds$->{user_id % 2}"}}
                  t: {type: INLINE, props: {algorithm-expression: "orders_$->{user_id % 10}"}}
            """;

    @TempDir
    Path dir;

    private final WorkspaceLoader loader = new WorkspaceLoader();

    private Workspace load(String yaml) throws Exception {
        Path file = dir.resolve("workspace.yaml");
        Files.writeString(file, yaml);
        return loader.load(file);
    }

    private List<String> problems(String yaml) {
        try {
            load(yaml);
        } catch (WorkspaceException e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("loaded without a problem");
    }

    @Test
    void withoutShardMapsTheListIsEmptyAndOldConstructorsStillWork() throws Exception {
        assertThat(load(SOURCES).shardMaps()).isEmpty();
        assertThat(Workspace.builder("w").build().shardMaps()).isEmpty();
    }

    @Test
    void moduloMapIsReadAndRoutesKeys() throws Exception {
        Workspace w = load(MODULO);

        ShardMapConfig m = w.shardMaps().get(0);
        assertThat(m.modulo()).isEqualTo(3);
        AppShardMap map = m.resolve(dir);
        ShardedTable orders = map.table("orders").orElseThrow();
        assertThat(orders.shardingColumns()).containsExactly("user_id");
        assertThat(orders.locate(3)).isEqualTo(new DataNode("shard-a/app", "orders"));
        assertThat(orders.locate(4)).isEqualTo(new DataNode("shard-b/app", "orders"));
        assertThat(orders.locate(5)).isEqualTo(new DataNode("shard-b/app2", "orders_2"));
        assertThat(orders.locate(-1)).isEqualTo(new DataNode("shard-b/app2", "orders_2"));
    }

    @Test
    void moduloMapSurvivesSaveAndLoad() throws Exception {
        Workspace w = load(MODULO);
        Path copy = dir.resolve("copy.yaml");
        loader.save(w, copy);
        assertThat(loader.load(copy).shardMaps()).isEqualTo(w.shardMaps());
    }

    @Test
    void unknownSourceIsNamed() {
        assertThat(problems(MODULO.replace("source: shard-a", "source: shard-x"))).singleElement().asString()
                .contains("shardMaps[0] (orders by user).shards[0].source `shard-x` is not a source")
                .contains("[shard-a, shard-b]");
    }

    @Test
    void moduloAndShardCountMustAgree() {
        assertThat(problems(MODULO.replace("modulo: 3", "modulo: 4"))).singleElement().asString()
                .contains("has modulo 4 but 3 shard(s)");
        assertThat(problems(MODULO.replace("modulo: 3", "modulo: 0"))).singleElement().asString()
                .contains("modulo must be a positive integer");
    }

    @Test
    void duplicateAndOutOfRangeIndexesAreRefused() {
        assertThat(problems(MODULO.replace("index: 1,", "index: 0,"))).singleElement().asString()
                .contains("shards[1].index 0 is listed twice");
        assertThat(problems(MODULO.replace("index: 2,", "index: 7,"))).singleElement().asString()
                .contains("shards[2].index must be between 0 and 2");
    }

    @Test
    void missingFieldsAndMixedFormsAreRefused() {
        assertThat(problems(MODULO.replace("    key: user_id\n", ""))).singleElement().asString()
                .contains(".key is missing");
        assertThat(problems(MODULO.replace("modulo: 3", "modulo: 3\n    shardingSphere: x.yaml")))
                .singleElement().asString().contains("not both");
        assertThat(problems(SOURCES + "shardMaps:\n  - name: empty\n")).singleElement().asString()
                .contains("not neither");
    }

    @Test
    void unknownKeysInAShardMapAreRefused() {
        assertThat(problems(MODULO.replace("modulo: 3", "modulus: 3"))).singleElement().asString()
                .contains("modulus");
    }

    @Test
    void shardingSphereFileIsReadRelativeToTheWorkspace() throws Exception {
        Files.writeString(dir.resolve("config-sharding.yaml"), SHARDING_SPHERE);
        Workspace w = load(SOURCES + """
                shardMaps:
                  - name: shop
                    shardingSphere: config-sharding.yaml
                    dataSources:
                      ds0: {source: shard-a, database: shop}
                      ds1: {source: shard-b, database: shop}
                """);

        ShardMapConfig m = w.shardMaps().get(0);
        assertThat(m.dataSources().get("ds1")).isEqualTo(new ShardMapConfig.DataSourceRef("shard-b", "shop"));
        assertThat(m.resolve(dir).table("orders").orElseThrow().locate(13))
                .isEqualTo(new DataNode("ds1", "orders_3"));
    }

    @Test
    void missingShardingSphereFileIsNamed() {
        assertThat(problems(SOURCES + """
                shardMaps:
                  - name: shop
                    shardingSphere: nowhere.yaml
                    dataSources: {ds0: {source: shard-a, database: shop}}
                """)).singleElement().asString().contains("shardingSphere: nowhere.yaml cannot be read");
    }

    @Test
    void unmappedDataSourceAndBadRuleFileAreNamed() throws Exception {
        Files.writeString(dir.resolve("s.yaml"), SHARDING_SPHERE);
        assertThat(problems(SOURCES + """
                shardMaps:
                  - name: shop
                    shardingSphere: s.yaml
                    dataSources: {ds0: {source: shard-a, database: shop}}
                """)).singleElement().asString().contains("dataSources has no entry for `ds1`");
        Files.writeString(dir.resolve("bad.yaml"), SHARDING_SPHERE.replace("{0..1}", "{0..1"));
        assertThat(problems(SOURCES + """
                shardMaps:
                  - name: shop
                    shardingSphere: bad.yaml
                    dataSources: {ds0: {source: shard-a, database: shop}}
                """)).singleElement().asString().contains("bad.yaml").contains("not closed");
    }

    @Test
    void duplicateShardMapNamesAreRefused() {
        String second = """
                  - name: Orders By User
                    table: o
                    key: k
                    modulo: 1
                    shards: [{index: 0, source: shard-a, database: app}]
                """;
        assertThat(problems(MODULO + second)).singleElement().asString().contains("same name as shardMaps[0]");
    }
}
