package io.pilothouse.services.shards;

import io.pilothouse.services.shards.map.ShardBound;
import io.pilothouse.services.workspace.sharding.DataNode;
import io.pilothouse.services.workspace.sharding.ShardedTable;
import io.pilothouse.services.workspace.sharding.ShardingSphereRules;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bounds and strategy text the application map reader derives from the routing rules alone. */
class AppShardMapReaderTest {

    private static ShardedTable rules(String yaml) {
        return ShardingSphereRules.parse("x", yaml).tables().values().iterator().next();
    }

    @Test
    void modRoutingOverTwoLevelsGivesOneRemainderPerShard() {
        ShardedTable t = rules("""
                dataSources: {ds0: {}, ds1: {}}
                rules:
                  - !SHARDING
                    tables:
                      orders:
                        actualDataNodes: ds$->{0..1}.orders_$->{0..3}
                        databaseStrategy: {standard: {shardingColumn: user_id, shardingAlgorithmName: db}}
                        tableStrategy: {standard: {shardingColumn: user_id, shardingAlgorithmName: tb}}
                    shardingAlgorithms:
                      db: {type: MOD, props: {sharding-count: 2}}
                      tb: {type: MOD, props: {sharding-count: 4}}
                """);

        Map<DataNode, ShardBound> bounds = AppShardMapReader.bounds(t);

        assertThat(bounds.get(new DataNode("ds1", "orders_3"))).isEqualTo(new ShardBound.Hash(4, 3));
        assertThat(bounds.get(new DataNode("ds0", "orders_2"))).isEqualTo(new ShardBound.Hash(4, 2));
        // actualDataNodes lists ds0.orders_1, which no key reaches: shown, not given a remainder.
        assertThat(bounds.get(new DataNode("ds0", "orders_1"))).isEqualTo(new ShardBound.Other("no user_id routes here"));
        assertThat(AppShardMapReader.strategy(t)).isEqualTo("database MOD(user_id, 2), table MOD(user_id, 4)");
    }

    @Test
    void inlineOnlyRoutingIsShownAsItsExpression() {
        ShardedTable t = rules("""
                dataSources: {ds0: {}}
                rules:
                  - !SHARDING
                    tables:
                      t:
                        actualDataNodes: ds0.t_$->{0..1}
                        tableStrategy: {standard: {shardingColumn: id, shardingAlgorithmName: i}}
                    shardingAlgorithms:
                      i: {type: INLINE, props: {algorithm-expression: "t_$->{id % 2}"}}
                """);

        assertThat(AppShardMapReader.bounds(t).values()).containsOnly(new ShardBound.Other("t_$->{id % 2}"));
    }

    @Test
    void inlineLevelThatDoesNotRepeatWithTheModPeriodKeepsTextBounds() {
        // Database by id % 3 (INLINE) and table by MOD 2: the layout repeats every 6, not every 2.
        ShardedTable t = rules("""
                dataSources: {ds0: {}, ds1: {}, ds2: {}}
                rules:
                  - !SHARDING
                    tables:
                      t:
                        actualDataNodes: ds$->{0..2}.t_$->{0..1}
                        databaseStrategy: {standard: {shardingColumn: id, shardingAlgorithmName: i}}
                        tableStrategy: {standard: {shardingColumn: id, shardingAlgorithmName: m}}
                    shardingAlgorithms:
                      i: {type: INLINE, props: {algorithm-expression: "ds$->{id % 3}"}}
                      m: {type: MOD, props: {sharding-count: 2}}
                """);

        assertThat(AppShardMapReader.bounds(t).values()).allMatch(b -> b instanceof ShardBound.Other);
    }

    @Test
    void physicalNamesAreQuotedPartByPart() {
        assertThat(AppShardMapReader.qualified("orders_0")).isEqualTo("\"orders_0\"");
        assertThat(AppShardMapReader.qualified("Shop.Orders")).isEqualTo("\"Shop\".\"Orders\"");
    }
}
