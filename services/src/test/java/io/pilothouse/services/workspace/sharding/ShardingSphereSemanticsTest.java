package io.pilothouse.services.workspace.sharding;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ShardingSphere behaviour checked against its source (apache/shardingsphere, 5.4/5.5 line); each test names the
 * file it follows.
 */
class ShardingSphereSemanticsTest {

    // features/sharding/core/.../algorithm/sharding/ShardingAutoTableAlgorithmUtils.java: the target is
    // prefix + padStart(suffix, suffixMinLength, '0') and must be exactly one of the available names.
    // features/sharding/core/.../rule/ShardingTable.java: prefix and suffixMinLength come from the data nodes.
    @Test
    void modPadsTheShardNumberToTheShortestSuffixAndMatchesTheWholeName() {
        List<String> tables = InlineExpressions.expand("t_order_$->{['00','01','02','03']}");
        ShardingRoute.TargetNames names = ShardingRoute.TargetNames.ofTables("t_order", tables);
        assertThat(names).isEqualTo(new ShardingRoute.TargetNames("t_order_", 2));

        ShardingRoute.Mod mod = new ShardingRoute.Mod("order_id", 4, names);
        assertThat(mod.target(7, tables)).isEqualTo("t_order_03");
    }

    // ShardingTable.createDataSourceDataNode: the first data source name without its trailing digits.
    @Test
    void modDataSourcePrefixComesFromTheFirstDataSource() {
        ShardingRoute.TargetNames names = ShardingRoute.TargetNames.ofDataSources(List.of("ds_0", "ds_1"));
        assertThat(names).isEqualTo(new ShardingRoute.TargetNames("ds_", 1));
        assertThat(new ShardingRoute.Mod("user_id", 2, names).target(9, List.of("ds_0", "ds_1"))).isEqualTo("ds_1");
    }

    // ModShardingAlgorithm.java: BigInteger.mod, which is never negative (unlike Java's %).
    @Test
    void modOfANegativeKeyIsNonNegativeAsWithBigIntegerMod() {
        List<String> tables = List.of("t_0", "t_1", "t_2", "t_3");
        ShardingRoute.Mod mod = new ShardingRoute.Mod("id", 4, ShardingRoute.TargetNames.ofTables("t", tables));
        assertThat(mod.target(-5, tables)).isEqualTo("t_3");
    }

    // ModShardingAlgorithm.java: start-offset / stop-offset cut the key's text; zero-padding pads to the digits of
    // sharding-count - 1.
    @Test
    void modHonoursOffsetsAndZeroPadding() {
        List<String> tables = InlineExpressions.expand("t_$->{['00','01','02','03','04','05','06','07','08','09',"
                + "'10','11']}");
        ShardingRoute.TargetNames names = ShardingRoute.TargetNames.ofTables("t", tables);
        // 2024_0013 → cut 5 leading characters → "0013" → 13 % 12 = 1 → "01"
        ShardingRoute.Mod mod = new ShardingRoute.Mod("code", 12, 5, 0, true, names);
        assertThat(mod.target(202400013L, tables)).isEqualTo("t_01");
        assertThatThrownBy(() -> new ShardingRoute.Mod("code", 12, 5, 5, false, names).target(123, tables))
                .hasMessageContaining("too short");
    }

    // HashModShardingAlgorithm.java: Math.abs((long) value.hashCode()) % sharding-count, the value being the Long a
    // bigint column gives; Long.hashCode(-5) is 4, not 5 as Integer's would be.
    @Test
    void hashModHashesTheKeyAsALong() {
        AppShardMap map = ShardingSphereRules.parse("x", """
                dataSources: {ds0: {}}
                rules:
                  - !SHARDING
                    tables:
                      t:
                        actualDataNodes: ds0.t_$->{0..3}
                        tableStrategy: {standard: {shardingColumn: id, shardingAlgorithmName: h}}
                    shardingAlgorithms:
                      h: {type: HASH_MOD, props: {sharding-count: 4}}
                """);
        ShardedTable t = map.table("t").orElseThrow();
        assertThat(t.locate(13).table()).isEqualTo("t_1");
        assertThat(t.locate(-5).table()).isEqualTo("t_0");
        assertThat(t.locate((1L << 32) + 1).table()).isEqualTo("t_0");
    }

    // ShardingRule.isShardingColumn / strategy creation: a standard strategy without shardingColumn uses the rule's
    // defaultShardingColumn.
    @Test
    void standardStrategyWithoutColumnTakesDefaultShardingColumn() {
        AppShardMap map = ShardingSphereRules.parse("x", """
                dataSources: {ds0: {}, ds1: {}}
                rules:
                  - !SHARDING
                    tables:
                      t:
                        actualDataNodes: ds$->{0..1}.t
                    defaultDatabaseStrategy: {standard: {shardingAlgorithmName: m}}
                    defaultShardingColumn: user_id
                    shardingAlgorithms:
                      m: {type: MOD, props: {sharding-count: 2}}
                """);
        ShardedTable t = map.table("t").orElseThrow();
        assertThat(t.shardingColumns()).containsExactly("user_id");
        assertThat(t.locate(3)).isEqualTo(new DataNode("ds1", "t"));
    }

    // infra/expr/entry/.../InlineExpressionParserFactory.java: a leading <TYPE> picks the parser; GROOVY is the
    // default, LITERAL and PURELIST split on commas and trim.
    @Test
    void typePrefixesPickTheParser() {
        assertThat(InlineExpressions.expand("<GROOVY>ds$->{0..1}.t_$->{0..1}"))
                .containsExactly("ds0.t_0", "ds0.t_1", "ds1.t_0", "ds1.t_1");
        assertThat(InlineExpressions.expand("<LITERAL>ds0.t_0, ds1.t_1")).containsExactly("ds0.t_0", "ds1.t_1");
        assertThat(InlineExpressions.expand("<PURELIST>ds0.t_0,ds1.t_1")).containsExactly("ds0.t_0", "ds1.t_1");
        assertThat(ShardingExpression.parse("<GROOVY>t_$->{id % 2}").evaluate(java.util.Map.of("id", 3L)))
                .isEqualTo("t_1");
        assertThatThrownBy(() -> InlineExpressions.expand("<GROOVY>ds${0..}.t"))
                .isInstanceOf(InlineExpressionException.class).hasMessageContaining("<GROOVY>ds${0..}.t");
    }

    // infra/expr/type/groovy/.../GroovyInlineExpressionParser.java: each placeholder's values go into a
    // LinkedHashSet, and the cartesian product (Guava Sets.cartesianProduct) varies the leftmost slowest.
    @Test
    void repeatedValuesInOnePlaceholderCollapseAndTheLeftmostVariesSlowest() {
        assertThat(InlineExpressions.expand("ds${[0, 0, 1]}.t${[1, 0]}"))
                .containsExactly("ds0.t1", "ds0.t0", "ds1.t1", "ds1.t0");
    }
}
