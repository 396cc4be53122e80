package io.pilothouse.services.workspace.sharding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands ShardingSphere inline expressions as used in {@code actualDataNodes}, without Groovy: Pilothouse only
 * needs to list the data nodes, and running arbitrary Groovy from a config file is not something a cockpit should
 * do.
 *
 * <p>Syntax, from the ShardingSphere documentation "Inline Expression" (shardingsphere.apache.org, features /
 * sharding / concept / inline-expression; the same text is mirrored on developer.jdcloud.com/article/1616):
 * <ul>
 *   <li>a placeholder is {@code ${ expression }} or {@code $->{ expression }} (the latter avoids clashing with
 *       Spring property placeholders);</li>
 *   <li>{@code ${begin..end}} is a range, {@code ${[unit1, unit2, unit_x]}} an enumeration;</li>
 *   <li>several placeholders in one expression combine as a cartesian product, leftmost varying slowest:
 *       {@code ${['online', 'offline']}_table${1..3}} is online_table1, online_table2, online_table3,
 *       offline_table1, …;</li>
 *   <li>several expressions are separated by commas at the top level:
 *       {@code db0.t_order$->{0..1},db1.t_order$->{2..4}}.</li>
 * </ul>
 * Range semantics are Groovy's, since ShardingSphere evaluates the body with Groovy: {@code 5..1} is the reversed
 * range 5, 4, 3, 2, 1 (not empty); {@code 0..<3} excludes the end. List items may be integers or quoted strings.
 * Anything else (closures, method calls, character ranges) is refused with the position and a hint to write the
 * list out.
 *
 * <p>A leading type prefix (ShardingSphere 5.4+, infra/expr InlineExpressionParserFactory) picks the parser:
 * {@code <GROOVY>} (the default) and {@code <ESPRESSO>} as above, {@code <LITERAL>} and {@code <PURELIST>} a plain
 * comma list; others ({@code <INTERVAL>}, custom SPI types) are refused. Repeated values in one placeholder collapse,
 * as GroovyInlineExpressionParser collects them into a LinkedHashSet.
 *
 * <p>Expansion is capped at {@link #MAX_NODES} results so a typo like {@code 0..1000000} fails fast with a clear
 * message instead of exhausting memory.
 */
public final class InlineExpressions {

    /** Upper bound of expanded values; far above any real sharding layout (ShardingSphere's own examples use 32). */
    public static final int MAX_NODES = 10_000;

    private static final Pattern RANGE = Pattern.compile("\\s*(-?\\d+)\\s*\\.\\.(<?)\\s*(-?\\d+)\\s*");
    private static final Pattern INT = Pattern.compile("-?\\d+");
    /** Types whose expressions are read: Groovy (and its Espresso host), and the plain comma lists. */
    static final java.util.Set<String> ACCEPTED_TYPES = java.util.Set.of("GROOVY", "ESPRESSO", "LITERAL",
            "PURELIST");

    private static final Pattern TYPE_PREFIX = Pattern.compile("\\s*<([A-Za-z_]+)>");

    private InlineExpressions() {
    }

    /**
     * Expands {@code expression} to every value it denotes, in ShardingSphere's order.
     *
     * @throws InlineExpressionException if it is malformed, uses unsupported Groovy, is empty, or expands to more
     *                                   than {@link #MAX_NODES} values
     */
    public static List<String> expand(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InlineExpressionException(String.valueOf(expression), 0, "the expression is empty; write "
                    + "the data nodes, e.g. ds$->{0..1}.t_order_$->{0..9}");
        }
        rejectTypePrefix(expression, ACCEPTED_TYPES);
        String type = typePrefix(expression);
        if ("LITERAL".equals(type) || "PURELIST".equals(type)) {
            // LiteralInlineExpressionParser / PureListInlineExpressionParser: split on every comma and trim, no
            // placeholders.
            List<String> items = new ArrayList<>();
            for (String item : withoutTypePrefix(expression).split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
            return List.copyOf(items);
        }
        // <GROOVY> (or Espresso, which hosts the same Groovy): read what follows the prefix; offsets stay those of
        // the whole expression so error positions point into what the user wrote.
        int from = expression.length() - withoutTypePrefix(expression).length();
        List<String> out = new ArrayList<>();
        for (int[] seg : topLevelSegments(expression, from)) {
            List<List<String>> factors = new ArrayList<>();
            long product = 1;
            for (Placeholder p : Placeholder.split(expression, seg[0], seg[1])) {
                // GroovyInlineExpressionParser collects each placeholder's values into a LinkedHashSet: repeats drop.
                List<String> values = p.literal() ? List.of(p.text()) : values(expression, p).stream().distinct()
                        .toList();
                product *= values.size();
                if (product == 0) {
                    throw new InlineExpressionException(expression, p.offset(), "this placeholder yields no value "
                            + "(an empty range or list), so the expression names no data node; fix the bounds");
                }
                if (product + out.size() > MAX_NODES) {
                    throw tooMany(expression, p.offset());
                }
                factors.add(values);
            }
            cartesian(factors, 0, new StringBuilder(), out);
        }
        return List.copyOf(out);
    }

    /**
     * The expression type of a leading {@code <TYPE>} prefix, upper-cased, or null without one. ShardingSphere 5.4+
     * (infra/expr/entry InlineExpressionParserFactory) reads a type only when the expression starts with {@code <}
     * and takes the text up to the first {@code >}; without one it uses GROOVY.
     */
    static String typePrefix(String expression) {
        Matcher prefix = TYPE_PREFIX.matcher(expression);
        return prefix.lookingAt() ? prefix.group(1).toUpperCase(java.util.Locale.ROOT) : null;
    }

    /** The expression without its {@code <TYPE>} prefix. */
    static String withoutTypePrefix(String expression) {
        Matcher prefix = TYPE_PREFIX.matcher(expression);
        return prefix.lookingAt() ? expression.substring(prefix.end()) : expression;
    }

    /**
     * Refuses a type prefix other than {@code accepted}, which would otherwise end up inside a data source name.
     */
    static void rejectTypePrefix(String expression, java.util.Set<String> accepted) {
        String type = typePrefix(expression);
        if (type != null && !accepted.contains(type)) {
            Matcher prefix = TYPE_PREFIX.matcher(expression);
            prefix.lookingAt();
            throw new InlineExpressionException(expression, prefix.start(1), "the expression type <"
                    + prefix.group(1) + "> is not read here; Pilothouse follows " + accepted + " expressions. Write "
                    + "the values out");
        }
    }

    /** [start, end) of each comma-separated expression, trimmed; commas inside placeholders do not split. */
    static List<int[]> topLevelSegments(String expr, int from) {
        List<int[]> segments = new ArrayList<>();
        int start = from;
        int i = from;
        while (i <= expr.length()) {
            if (i == expr.length() || expr.charAt(i) == ',') {
                segments.add(trimmed(expr, start, i));
                start = i + 1;
                i++;
                continue;
            }
            int open = Placeholder.openerLength(expr, i, expr.length());
            i = open == 0 ? i + 1 : Placeholder.matchingBrace(expr, i, i + open, expr.length()) + 1;
        }
        return segments;
    }

    private static int[] trimmed(String expr, int start, int end) {
        int s = start;
        int e = end;
        while (s < e && Character.isWhitespace(expr.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(expr.charAt(e - 1))) {
            e--;
        }
        if (s == e) {
            throw new InlineExpressionException(expr, start, "an empty entry between commas; remove the extra comma");
        }
        return new int[] {s, e};
    }

    private static List<String> values(String expr, Placeholder p) {
        String body = p.text().trim();
        Matcher range = RANGE.matcher(p.text());
        if (range.matches()) {
            return range(expr, p.offset(), Long.parseLong(range.group(1)), Long.parseLong(range.group(3)),
                    !range.group(2).isEmpty());
        }
        if (body.startsWith("[") && body.endsWith("]")) {
            return list(expr, p.offset() + p.text().indexOf('['), body.substring(1, body.length() - 1));
        }
        if (body.isEmpty()) {
            throw new InlineExpressionException(expr, p.offset(), "the placeholder is empty; write a range "
                    + "such as 0..9 or a list such as ['a','b']");
        }
        throw new InlineExpressionException(expr, p.offset(), "`" + body + "` is Groovy that Pilothouse does not "
                + "evaluate; only ranges (0..9, 0..<10) and lists ([0,3,5], ['a','b']) are supported. Write the "
                + "values out as a list");
    }

    private static List<String> range(String expr, int at, long from, long to, boolean exclusive) {
        long step = from <= to ? 1 : -1;
        long end = exclusive ? (from == to ? from - step : to - step) : to;
        long count = exclusive && from == to ? 0 : Math.abs(end - from) + 1;
        if (count > MAX_NODES) {
            throw tooMany(expr, at);
        }
        List<String> out = new ArrayList<>((int) count);
        for (long v = from, n = 0; n < count; v += step, n++) {
            out.add(Long.toString(v));
        }
        return out;
    }

    private static List<String> list(String expr, int bracketAt, String items) {
        List<String> out = new ArrayList<>();
        if (items.isBlank()) {
            return out;
        }
        int i = 0;
        while (i <= items.length()) {
            int itemStart = i;
            while (i < items.length() && Character.isWhitespace(items.charAt(i))) {
                i++;
            }
            int pos = bracketAt + 1 + i;
            if (i < items.length() && (items.charAt(i) == '\'' || items.charAt(i) == '"')) {
                char q = items.charAt(i);
                int close = items.indexOf(q, i + 1);
                if (close < 0) {
                    throw new InlineExpressionException(expr, pos, "the quoted list item is not closed; add " + q);
                }
                out.add(items.substring(i + 1, close));
                i = close + 1;
            } else {
                int comma = items.indexOf(',', i);
                String item = items.substring(i, comma < 0 ? items.length() : comma).trim();
                if (!INT.matcher(item).matches()) {
                    throw new InlineExpressionException(expr, pos, item.isEmpty()
                            ? "an empty list item; remove the extra comma"
                            : "list item `" + item + "` is neither an integer nor a quoted string; quote it ('"
                            + item + "')");
                }
                out.add(Long.toString(Long.parseLong(item)));
                i = comma < 0 ? items.length() : comma;
            }
            while (i < items.length() && Character.isWhitespace(items.charAt(i))) {
                i++;
            }
            if (i >= items.length()) {
                break;
            }
            if (items.charAt(i) != ',') {
                throw new InlineExpressionException(expr, bracketAt + 1 + i, "expected `,` or `]` after list item "
                        + "starting at position " + (bracketAt + 1 + itemStart));
            }
            i++;
        }
        return out;
    }

    private static void cartesian(List<List<String>> factors, int k, StringBuilder prefix, List<String> out) {
        if (k == factors.size()) {
            out.add(prefix.toString());
            return;
        }
        int len = prefix.length();
        for (String v : factors.get(k)) {
            prefix.append(v);
            cartesian(factors, k + 1, prefix, out);
            prefix.setLength(len);
        }
    }

    private static InlineExpressionException tooMany(String expr, int at) {
        return new InlineExpressionException(expr, at, "expands to more than " + MAX_NODES + " values; check the "
                + "range bounds (a typo such as 0..100000?)");
    }
}
