package io.pilothouse.services.workspace.sharding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A ShardingSphere INLINE sharding-algorithm expression such as {@code t_order_$->{order_id % 4}}, parsed once
 * and evaluated for a key, so Pilothouse can say which data node holds a row.
 *
 * <p>ShardingSphere documents the algorithm expression ("Inline Expression", section "Configure sharding
 * algorithm": {@code ds${id % 10}}) as Groovy; the subset here is integer arithmetic with Groovy/Java semantics:
 * {@code + - * %}, unary minus, parentheses, integer literals and column names bound to a value. {@code %} keeps
 * the dividend's sign as in Java ({@code -7 % 3 == -1}). Groovy's {@code /} yields a decimal, so an integer
 * division is accepted only when exact; otherwise the evaluation fails and says to use a rule with {@code %}.
 * Method calls ({@code hashCode()}, {@code padLeft}, {@code intdiv}) are refused at parse time with the position.
 */
public final class ShardingExpression {

    private final String source;
    private final List<Object> parts; // String literal or Arith node
    private final Set<String> columns;

    private ShardingExpression(String source, List<Object> parts, Set<String> columns) {
        this.source = source;
        this.parts = parts;
        this.columns = columns;
    }

    /**
     * Parses an algorithm expression.
     *
     * @throws InlineExpressionException if it is malformed or uses Groovy outside the supported subset
     */
    public static ShardingExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InlineExpressionException(String.valueOf(expression), 0, "the algorithm expression is "
                    + "empty; write e.g. t_order_$->{order_id % 4}");
        }
        // InlineShardingAlgorithm evaluates the expression as a Groovy closure; a <GROOVY> prefix only names that.
        InlineExpressions.rejectTypePrefix(expression.trim(), java.util.Set.of("GROOVY", "ESPRESSO"));
        String trimmed = InlineExpressions.withoutTypePrefix(expression.trim()).trim();
        List<Object> parts = new ArrayList<>();
        Set<String> columns = new TreeSet<>();
        for (Placeholder p : Placeholder.split(trimmed, 0, trimmed.length())) {
            parts.add(p.literal() ? p.text() : new InlineArithmetic(trimmed, p.text(), p.offset(), columns).parse());
        }
        return new ShardingExpression(trimmed, List.copyOf(parts), Set.copyOf(columns));
    }

    /** The column names the expression reads. */
    public Set<String> columns() {
        return columns;
    }

    /** The expression as written (trimmed). */
    public String source() {
        return source;
    }

    /**
     * The target name for the given column values, e.g. {@code t_order_2} for {@code order_id = 10}.
     *
     * @throws IllegalArgumentException if a column the expression reads is not bound, a division is by zero or
     *                                  inexact, or the arithmetic overflows a long
     */
    public String evaluate(Map<String, Long> values) {
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String s) {
                sb.append(s);
            } else {
                sb.append(((InlineArithmetic.Node) part).eval(values));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
