package io.pilothouse.services.workspace.sharding;

import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for the integer arithmetic inside an algorithm-expression placeholder; see
 * {@link ShardingExpression} for the supported subset and why.
 */
final class InlineArithmetic {

    /** A parsed arithmetic expression. */
    interface Node {
        long eval(Map<String, Long> values);
    }

    private final String whole;
    private final String body;
    private final int offset;
    private final Set<String> columns;
    private int pos;

    InlineArithmetic(String whole, String body, int offset, Set<String> columns) {
        this.whole = whole;
        this.body = body;
        this.offset = offset;
        this.columns = columns;
    }

    Node parse() {
        skipSpace();
        if (pos == body.length()) {
            throw error("the placeholder is empty; write e.g. order_id % 4");
        }
        Node n = sum();
        skipSpace();
        if (pos < body.length()) {
            throw error(unsupported());
        }
        return n;
    }

    private Node sum() {
        Node left = product();
        while (true) {
            skipSpace();
            char c = peek();
            if (c != '+' && c != '-') {
                return left;
            }
            pos++;
            Node l = left;
            Node r = product();
            left = c == '+' ? v -> Math.addExact(l.eval(v), r.eval(v)) : v -> Math.subtractExact(l.eval(v), r.eval(v));
        }
    }

    private Node product() {
        Node left = unary();
        while (true) {
            skipSpace();
            char c = peek();
            if (c != '*' && c != '/' && c != '%') {
                return left;
            }
            int at = pos;
            pos++;
            Node l = left;
            Node r = unary();
            left = switch (c) {
                case '*' -> v -> Math.multiplyExact(l.eval(v), r.eval(v));
                case '/' -> v -> divide(l.eval(v), r.eval(v), at);
                default -> v -> remainder(l.eval(v), r.eval(v), at);
            };
        }
    }

    private Node unary() {
        skipSpace();
        if (peek() == '-') {
            pos++;
            Node n = unary();
            return v -> Math.negateExact(n.eval(v));
        }
        if (peek() == '+') {
            pos++;
            return unary();
        }
        return primary();
    }

    private Node primary() {
        skipSpace();
        char c = peek();
        if (c == '(') {
            pos++;
            Node n = sum();
            skipSpace();
            if (peek() != ')') {
                throw error("expected `)`; the parentheses are not balanced");
            }
            pos++;
            return n;
        }
        int start = pos;
        if (Character.isDigit(c)) {
            while (pos < body.length() && Character.isDigit(body.charAt(pos))) {
                pos++;
            }
            if (pos < body.length() && (Character.isLetter(body.charAt(pos)) || body.charAt(pos) == '.')) {
                throw error(unsupported());
            }
            try {
                long literal = Long.parseLong(body.substring(start, pos));
                return v -> literal;
            } catch (NumberFormatException e) {
                pos = start;
                throw error("the number does not fit in a 64-bit integer");
            }
        }
        if (Character.isJavaIdentifierStart(c) && c != '$') {
            while (pos < body.length() && Character.isJavaIdentifierPart(body.charAt(pos))
                    && body.charAt(pos) != '$') {
                pos++;
            }
            String name = body.substring(start, pos);
            skipSpace();
            if (peek() == '.' || peek() == '(' || peek() == '[') {
                pos = start;
                throw error("`" + name + "` is followed by a method call or index, which Pilothouse does not "
                        + "evaluate; only + - * / % on integer columns and literals are supported");
            }
            columns.add(name);
            return v -> {
                Long value = v.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("algorithm expression \"" + whole + "\" reads column `"
                            + name + "`, but no value was given for it");
                }
                return value;
            };
        }
        throw error(pos == body.length() ? "the expression ends where a number, column or `(` was expected"
                : unsupported());
    }

    private long divide(long a, long b, int at) {
        if (b == 0) {
            throw new IllegalArgumentException(where(at) + "division by zero");
        }
        if (a % b != 0) {
            throw new IllegalArgumentException(where(at) + a + " / " + b + " is not a whole number; Groovy would "
                    + "produce a decimal table name. Use % (modulo) in the rule");
        }
        return a / b;
    }

    private long remainder(long a, long b, int at) {
        if (b == 0) {
            throw new IllegalArgumentException(where(at) + "modulo by zero");
        }
        return a % b;
    }

    private String where(int at) {
        return "algorithm expression \"" + whole + "\" at position " + (offset + at) + ": ";
    }

    private String unsupported() {
        return "unexpected `" + body.charAt(pos) + "`; only integers, column names, + - * / % and parentheses "
                + "are supported";
    }

    private InlineExpressionException error(String problem) {
        return new InlineExpressionException(whole, offset + pos, problem);
    }

    private char peek() {
        return pos < body.length() ? body.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < body.length() && Character.isWhitespace(body.charAt(pos))) {
            pos++;
        }
    }
}
