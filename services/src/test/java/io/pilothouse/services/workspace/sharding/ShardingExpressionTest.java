package io.pilothouse.services.workspace.sharding;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The INLINE algorithm-expression subset: integer arithmetic on bound columns. */
class ShardingExpressionTest {

    private static String eval(String expr, String column, long value) {
        return ShardingExpression.parse(expr).evaluate(Map.of(column, value));
    }

    @Test
    void moduloPicksTheTable() {
        assertThat(eval("t_order_$->{order_id % 4}", "order_id", 10)).isEqualTo("t_order_2");
        assertThat(eval("ds_${user_id % 2}", "user_id", 7)).isEqualTo("ds_1");
    }

    @Test
    void precedenceAndParenthesesFollowGroovy() {
        assertThat(eval("t${1 + id % 4 * 2}", "id", 7)).isEqualTo("t7");
        assertThat(eval("t${(1 + id) % 4}", "id", 7)).isEqualTo("t0");
        assertThat(eval("t${id - 3 - 2}", "id", 10)).isEqualTo("t5");
        assertThat(eval("t${-id % 3}", "id", 7)).isEqualTo("t-1");
    }

    @Test
    void exactDivisionWorksAndInexactIsRefused() {
        assertThat(eval("t${id / 10 % 2}", "id", 30)).isEqualTo("t1");
        assertThatThrownBy(() -> eval("t${id / 10}", "id", 35)).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> eval("t${id % 0}", "id", 35)).hasMessageContaining("modulo by zero");
        assertThatThrownBy(() -> eval("t${id / (id - id)}", "id", 35)).hasMessageContaining("division by zero");
    }

    @Test
    void columnsAreReportedAndMustBeBound() {
        ShardingExpression e = ShardingExpression.parse("ds${user_id % 2}_t${order_id % 4}");
        assertThat(e.columns()).containsExactlyInAnyOrder("user_id", "order_id");
        assertThat(e.evaluate(Map.of("user_id", 3L, "order_id", 6L))).isEqualTo("ds1_t2");
        assertThatThrownBy(() -> e.evaluate(Map.of("user_id", 3L))).hasMessageContaining("`order_id`");
    }

    @Test
    void methodCallsAreRefusedAtTheirPosition() {
        assertThatThrownBy(() -> ShardingExpression.parse("t_${Math.abs(id.hashCode()) % 4}"))
                .isInstanceOf(InlineExpressionException.class)
                .hasMessageContaining("position 4").hasMessageContaining("method call");
        assertThatThrownBy(() -> ShardingExpression.parse("t_${(id % 3).toString().padLeft(3,'0')}"))
                .isInstanceOf(InlineExpressionException.class).hasMessageContaining("unexpected `.`");
    }

    @Test
    void malformedArithmeticIsRefused() {
        assertThatThrownBy(() -> ShardingExpression.parse("t${(id % 4}")).hasMessageContaining("`)`");
        assertThatThrownBy(() -> ShardingExpression.parse("t${id %}")).hasMessageContaining("ends where");
        assertThatThrownBy(() -> ShardingExpression.parse("t${id % 4")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> ShardingExpression.parse("t${}")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ShardingExpression.parse("t${id ^ 4}")).hasMessageContaining("unexpected `^`");
        assertThatThrownBy(() -> ShardingExpression.parse("t${99999999999999999999}"))
                .hasMessageContaining("64-bit");
    }

    @Test
    void overflowIsAnErrorNotAWrongTable() {
        assertThatThrownBy(() -> eval("t${id * 2}", "id", Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void expressionTypePrefixIsRefused() {
        assertThatThrownBy(() -> ShardingExpression.parse("<LITERAL>t_${id % 2}")).hasMessageContaining("<LITERAL>");
    }
}
