package io.pilothouse.services.workspace.sharding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ShardingSphere 5 YAML samples written after the "YAML Configuration / Sharding" documentation. */
class ShardingSphereRulesTest {

    static final String DOCS_SAMPLE = """
            databaseName: sharding_db
            dataSources:
              ds_0:
                dataSourceClassName: com.zaxxer.hikari.HikariDataSource
                driverClassName: org.postgresql.Driver
                jdbcUrl: jdbc:postgresql://10.0.0.1:5432/demo_ds_0
                username: app
              ds_1:
                dataSourceClassName: com.zaxxer.hikari.HikariDataSource
                jdbcUrl: jdbc:postgresql://10.0.0.2:5432/demo_ds_1
            rules:
            - !SINGLE
              tables:
                - "*.*"
            - !SHARDING
              tables:
                t_order:
                  actualDataNodes: ds_${0..1}.t_order_${0..1}
                  tableStrategy:
                    standard:
                      shardingColumn: order_id
                      shardingAlgorithmName: t_order_inline
                  keyGenerateStrategy:
                    column: order_id
                    keyGeneratorName: snowflake
                t_order_item:
                  actualDataNodes: ds_$->{0..1}.t_order_item_$->{0..1}
                  tableStrategy:
                    standard:
                      shardingColumn: order_id
                      shardingAlgorithmName: t_order_item_inline
                t_config:
                  databaseStrategy:
                    none:
                  tableStrategy:
                    none:
              bindingTables:
                - t_order,t_order_item
              defaultDatabaseStrategy:
                standard:
                  shardingColumn: order_id
                  shardingAlgorithmName: database_inline
              defaultTableStrategy:
                none:
              shardingAlgorithms:
                database_inline:
                  type: INLINE
                  props:
                    algorithm-expression: ds_${order_id % 2}
                t_order_inline:
                  type: INLINE
                  props:
                    algorithm-expression: t_order_${order_id % 2}
                t_order_item_inline:
                  type: INLINE
                  props:
                    algorithm-expression: t_order_item_$->{order_id % 2}
              keyGenerators:
                snowflake:
                  type: SNOWFLAKE
            """;

    @Test
    void docsSampleGivesNodesColumnsAndRouting() {
        AppShardMap map = ShardingSphereRules.parse("orders", DOCS_SAMPLE);

        assertThat(map.dataSources()).containsExactly("ds_0", "ds_1");
        assertThat(map.tables()).containsOnlyKeys("t_order", "t_order_item", "t_config");
        ShardedTable order = map.table("t_order").orElseThrow();
        assertThat(order.dataNodes()).extracting(DataNode::toString)
                .containsExactly("ds_0.t_order_0", "ds_0.t_order_1", "ds_1.t_order_0", "ds_1.t_order_1");
        assertThat(order.shardingColumns()).containsExactly("order_id");
        assertThat(order.locate(7)).isEqualTo(new DataNode("ds_1", "t_order_1"));
        assertThat(order.locate(10)).isEqualTo(new DataNode("ds_0", "t_order_0"));
        assertThat(map.table("t_order_item").orElseThrow().locate(3))
                .isEqualTo(new DataNode("ds_1", "t_order_item_1"));
    }

    @Test
    void tableWithoutDataNodesLivesInEveryDataSourceAndCannotBeLocatedByKey() {
        ShardedTable config = ShardingSphereRules.parse("o", DOCS_SAMPLE).table("t_config").orElseThrow();

        assertThat(config.dataNodes()).containsExactly(new DataNode("ds_0", "t_config"),
                new DataNode("ds_1", "t_config"));
        assertThat(config.databaseRoute()).isNull();
        assertThatThrownBy(() -> config.locate(1)).hasMessageContaining("no data source sharding strategy");
    }

    @Test
    void landscapeModLayoutOverTwoSourcesAndTenTables() {
        AppShardMap map = ShardingSphereRules.parse("shop", """
                dataSources:
                  ds0: {jdbcUrl: "jdbc:postgresql://a/shop"}
                  ds1: {jdbcUrl: "jdbc:postgresql://b/shop"}
                rules:
                  - !SHARDING
                    tables:
                      orders:
                        actualDataNodes: ds$->{0..1}.orders_$->{0..9}
                        databaseStrategy:
                          standard: {shardingColumn: user_id, shardingAlgorithmName: db_mod}
                        tableStrategy:
                          standard: {shardingColumn: user_id, shardingAlgorithmName: table_mod}
                    shardingAlgorithms:
                      db_mod: {type: MOD, props: {sharding-count: 2}}
                      table_mod: {type: MOD, props: {sharding-count: 10}}
                """);

        ShardedTable orders = map.table("orders").orElseThrow();
        assertThat(orders.dataNodes()).hasSize(20);
        assertThat(orders.locate(13)).isEqualTo(new DataNode("ds1", "orders_3"));
        assertThat(orders.locate(20)).isEqualTo(new DataNode("ds0", "orders_0"));
    }

    @Test
    void modDoesNotTakeShardElevenForShardOne() {
        ShardingRoute.Mod mod = new ShardingRoute.Mod("id", 12,
                ShardingRoute.TargetNames.ofTables("t", java.util.List.of("t_0", "t_1", "t_11")));
        assertThat(mod.target(13, java.util.List.of("t_0", "t_1", "t_11"))).isEqualTo("t_1");
        assertThat(mod.target(11, java.util.List.of("t_0", "t_1", "t_11"))).isEqualTo("t_11");
        assertThatThrownBy(() -> mod.target(5, java.util.List.of("t_0", "t_1")))
                .hasMessageContaining("target t_5, which is not among");
    }

    @Test
    void readwriteSplittingRuleIsNotTakenForSharding() {
        assertThatThrownBy(() -> ShardingSphereRules.parse("x", """
                dataSources: {ds0: {}}
                rules:
                  - !READWRITE_SPLITTING
                    tables: {t: {actualDataNodes: ds0.t}}
                """)).hasMessageContaining("no `- !SHARDING` entry");
    }

    @Test
    void unsupportedAlgorithmIsRefusedByName() {
        assertThatThrownBy(() -> ShardingSphereRules.parse("x", """
                dataSources: {ds0: {}}
                rules:
                  - !SHARDING
                    tables:
                      t:
                        actualDataNodes: ds0.t_${0..3}
                        tableStrategy: {standard: {shardingColumn: id, shardingAlgorithmName: h}}
                    shardingAlgorithms:
                      h: {type: CLASS_BASED, props: {strategy: STANDARD}}
                """)).hasMessageContaining("shardingAlgorithms.h has type `CLASS_BASED`");
    }

    @Test
    void missingAlgorithmAndUnknownDataSourceAreNamed() {
        assertThatThrownBy(() -> ShardingSphereRules.parse("x", """
                dataSources: {ds0: {}}
                rules:
                  - !SHARDING
                    tables:
                      t:
                        actualDataNodes: ds0.t_${0..1}
                        tableStrategy: {standard: {shardingColumn: id, shardingAlgorithmName: nope}}
                """)).hasMessageContaining("tables.t.tableStrategy uses algorithm `nope`");
        assertThatThrownBy(() -> ShardingSphereRules.parse("x", """
                dataSources: {ds0: {}}
                rules:
                  - !SHARDING
                    tables: {t: {actualDataNodes: "ds${0..1}.t"}}
                """)).hasMessageContaining("data source `ds1`");
    }

    @Test
    void expressionOnAnotherColumnThanTheStrategyIsRefused() {
        assertThatThrownBy(() -> ShardingSphereRules.parse("x", """
                dataSources: {ds0: {}}
                rules:
                  - !SHARDING
                    tables:
                      t:
                        actualDataNodes: ds0.t_${0..1}
                        tableStrategy: {standard: {shardingColumn: id, shardingAlgorithmName: a}}
                    shardingAlgorithms:
                      a: {type: INLINE, props: {algorithm-expression: "t_${user_id % 2}"}}
                """)).hasMessageContaining("reads [user_id] but tables.t.tableStrategy shards on id");
    }

    @Test
    void routeOutsideTheDataNodesIsReported() {
        ShardedTable t = ShardingSphereRules.parse("x", """
                dataSources: {ds0: {}}
                rules:
                  - !SHARDING
                    tables:
                      t:
                        actualDataNodes: ds0.t_${0..1}
                        tableStrategy: {standard: {shardingColumn: id, shardingAlgorithmName: a}}
                    shardingAlgorithms:
                      a: {type: INLINE, props: {algorithm-expression: "t_${id % 3}"}}
                """).table("t").orElseThrow();
        assertThat(t.locate(4)).isEqualTo(new DataNode("ds0", "t_1"));
        assertThatThrownBy(() -> t.locate(5)).hasMessageContaining("ds0.t_2, which is not among actualDataNodes");
    }

    @Test
    void invalidYamlAndBadInlineExpressionsSurfaceClearly() {
        assertThatThrownBy(() -> ShardingSphereRules.parse("x", "rules: [\n")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ShardingSphereRules.parse("x", "- a\n")).hasMessageContaining("YAML mapping");
        assertThatThrownBy(() -> ShardingSphereRules.parse("x", """
                rules:
                  - !SHARDING
                    tables: {t: {actualDataNodes: "ds${0..1.t"}}
                """)).isInstanceOf(InlineExpressionException.class);
    }
}
