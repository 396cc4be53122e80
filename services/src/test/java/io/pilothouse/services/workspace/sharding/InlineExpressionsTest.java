package io.pilothouse.services.workspace.sharding;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Examples from ShardingSphere's "Inline Expression" documentation, plus malformed input. */
class InlineExpressionsTest {

    @Test
    void documentedCartesianExampleExpandsLeftmostSlowest() {
        assertThat(InlineExpressions.expand("${['online', 'offline']}_table${1..3}")).containsExactly(
                "online_table1", "online_table2", "online_table3",
                "offline_table1", "offline_table2", "offline_table3");
    }

    @Test
    void groovyArrowAndLegacyDollarFormsAreEquivalent() {
        List<String> expected = List.of("db0.t_order0", "db0.t_order1", "db1.t_order0", "db1.t_order1");
        assertThat(InlineExpressions.expand("db${0..1}.t_order${0..1}")).isEqualTo(expected);
        assertThat(InlineExpressions.expand("db$->{0..1}.t_order$->{0..1}")).isEqualTo(expected);
    }

    @Test
    void landscapeLayoutGivesTwentyNodesInOrder() {
        List<String> nodes = InlineExpressions.expand("ds$->{0..1}.orders_$->{0..9}");
        assertThat(nodes).hasSize(20).startsWith("ds0.orders_0", "ds0.orders_1").endsWith("ds1.orders_9");
        assertThat(nodes.get(10)).isEqualTo("ds1.orders_0");
    }

    @Test
    void topLevelCommasSeparateExpressionsWithWhitespaceTrimmed() {
        assertThat(InlineExpressions.expand(" db0.t_order$->{0..1} ,\n db1.t_order$->{2..4} ")).containsExactly(
                "db0.t_order0", "db0.t_order1", "db1.t_order2", "db1.t_order3", "db1.t_order4");
    }

    @Test
    void commasInsideAListDoNotSplit() {
        assertThat(InlineExpressions.expand("ds_$->{['a','b']}.t,x$->{[0, 3,5]}"))
                .containsExactly("ds_a.t", "ds_b.t", "x0", "x3", "x5");
    }

    @Test
    void documentedZeroPaddedPrefixIsWrittenAsLiterals() {
        assertThat(InlineExpressions.expand("db0.t_order_0${0..9},db0.t_order_1${0..9},db0.t_order_20"))
                .hasSize(21).contains("db0.t_order_09", "db0.t_order_10", "db0.t_order_20");
    }

    @Test
    void whitespaceInsidePlaceholdersIsIgnored() {
        assertThat(InlineExpressions.expand("t_${ 0 .. 2 }")).containsExactly("t_0", "t_1", "t_2");
        assertThat(InlineExpressions.expand("t_$->{ [ \"x\" , 'y' ] }")).containsExactly("t_x", "t_y");
    }

    @Test
    void literalOnlyExpressionIsItself() {
        assertThat(InlineExpressions.expand("ds0.t_config")).containsExactly("ds0.t_config");
    }

    @Test
    void reversedRangeCountsDownAsGroovyDoes() {
        assertThat(InlineExpressions.expand("t${5..1}")).containsExactly("t5", "t4", "t3", "t2", "t1");
    }

    @Test
    void exclusiveRangeLeavesOutTheEnd() {
        assertThat(InlineExpressions.expand("t${0..<3}")).containsExactly("t0", "t1", "t2");
        assertThat(InlineExpressions.expand("t${3..<0}")).containsExactly("t3", "t2", "t1");
    }

    @Test
    void singleValueRangeAndNegativeBounds() {
        assertThat(InlineExpressions.expand("t${7..7}")).containsExactly("t7");
        assertThat(InlineExpressions.expand("t${-1..1}")).containsExactly("t-1", "t0", "t1");
    }

    @Test
    void emptyExclusiveRangeIsRefused() {
        assertThatThrownBy(() -> InlineExpressions.expand("t${1..<1}"))
                .isInstanceOf(InlineExpressionException.class).hasMessageContaining("yields no value")
                .hasMessageContaining("position 3");
    }

    @Test
    void emptyListAndEmptyPlaceholderAreRefused() {
        assertThatThrownBy(() -> InlineExpressions.expand("t${[]}")).hasMessageContaining("yields no value");
        assertThatThrownBy(() -> InlineExpressions.expand("t${ }")).hasMessageContaining("placeholder is empty");
    }

    @Test
    void unclosedPlaceholderNamesItsPosition() {
        assertThatThrownBy(() -> InlineExpressions.expand("ds$->{0..1.t"))
                .isInstanceOf(InlineExpressionException.class)
                .hasMessageContaining("position 2").hasMessageContaining("add the matching `}`")
                .satisfies(e -> assertThat(((InlineExpressionException) e).position()).isEqualTo(2));
    }

    @Test
    void strayClosingBraceIsRefused() {
        assertThatThrownBy(() -> InlineExpressions.expand("ds0}.t")).hasMessageContaining("position 3")
                .hasMessageContaining("without a `${`");
    }

    @Test
    void groovyClosuresAreRefusedWithAHint() {
        assertThatThrownBy(() -> InlineExpressions.expand(
                "t_$->{(0..2).collect{t ->t.toString().padLeft(2,'0')}}"))
                .isInstanceOf(InlineExpressionException.class)
                .hasMessageContaining("does not evaluate").hasMessageContaining("Write the values out as a list");
    }

    @Test
    void characterRangesAndBadListItemsAreRefused() {
        assertThatThrownBy(() -> InlineExpressions.expand("t${'a'..'c'}")).hasMessageContaining("does not evaluate");
        assertThatThrownBy(() -> InlineExpressions.expand("t${[a, b]}")).hasMessageContaining("quote it ('a')");
        assertThatThrownBy(() -> InlineExpressions.expand("t${['a' 'b']}")).hasMessageContaining("expected `,`");
        assertThatThrownBy(() -> InlineExpressions.expand("t${['a]}")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> InlineExpressions.expand("t${[1,,2]}")).hasMessageContaining("empty list item");
    }

    @Test
    void emptyTopLevelEntriesAreRefused() {
        assertThatThrownBy(() -> InlineExpressions.expand("a,,b")).hasMessageContaining("extra comma");
        assertThatThrownBy(() -> InlineExpressions.expand("a,")).hasMessageContaining("extra comma");
        assertThatThrownBy(() -> InlineExpressions.expand("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> InlineExpressions.expand(null)).hasMessageContaining("empty");
    }

    @Test
    void hugeRangesAreCappedBeforeAnythingIsBuilt() {
        assertThatThrownBy(() -> InlineExpressions.expand("t${0..1000000000000}"))
                .hasMessageContaining("more than 10000 values");
        assertThatThrownBy(() -> InlineExpressions.expand("ds${0..99}.t${0..999}"))
                .hasMessageContaining("more than 10000 values").hasMessageContaining("position 14");
        assertThat(InlineExpressions.expand("t${1..10000}")).hasSize(10_000);
    }

    @Test
    void expressionTypePrefixesAreRefusedRatherThanReadAsADataSourceName() {
        assertThatThrownBy(() -> InlineExpressions.expand("<INTERVAL>ds${0..1}.t"))
                .isInstanceOf(InlineExpressionException.class)
                .hasMessageContaining("position 1").hasMessageContaining("<INTERVAL>");
    }
}
