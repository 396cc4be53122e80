package io.pilothouse.services.workspace.sharding;

import java.util.ArrayList;
import java.util.List;

/**
 * One piece of an inline expression: literal text, or the body of a {@code $->{…}} / {@code ${…}} placeholder.
 *
 * @param literal true for literal text
 * @param text    the literal text, or the placeholder body (between the braces, untrimmed)
 * @param offset  0-based offset of {@code text} in the whole expression, for error messages
 */
record Placeholder(boolean literal, String text, int offset) {

    /**
     * Splits {@code expr[from, to)} into literals and placeholders. Braces nest (Groovy closures such as
     * {@code collect{…}} contain them) and quoted strings are skipped, so the matching {@code }} is found the way
     * Groovy would.
     */
    static List<Placeholder> split(String expr, int from, int to) {
        List<Placeholder> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int literalStart = from;
        int i = from;
        while (i < to) {
            int open = openerLength(expr, i, to);
            if (open == 0) {
                if (expr.charAt(i) == '}') {
                    throw new InlineExpressionException(expr, i, "`}` without a `${` or `$->{` before it; "
                            + "remove it or add the opening `$->{`");
                }
                literal.append(expr.charAt(i++));
                continue;
            }
            if (!literal.isEmpty()) {
                parts.add(new Placeholder(true, literal.toString(), literalStart));
                literal.setLength(0);
            }
            int bodyStart = i + open;
            int close = matchingBrace(expr, i, bodyStart, to);
            parts.add(new Placeholder(false, expr.substring(bodyStart, close), bodyStart));
            i = close + 1;
            literalStart = i;
        }
        if (!literal.isEmpty()) {
            parts.add(new Placeholder(true, literal.toString(), literalStart));
        }
        return parts;
    }

    /** Length of a placeholder opener at {@code i} ({@code $->{} = 4, {@code ${} = 2), or 0. */
    static int openerLength(String expr, int i, int to) {
        if (expr.startsWith("$->{", i) && i + 4 <= to) {
            return 4;
        }
        if (expr.startsWith("${", i) && i + 2 <= to) {
            return 2;
        }
        return 0;
    }

    /** Index of the {@code }} closing the placeholder opened at {@code openAt}; body starts at {@code from}. */
    static int matchingBrace(String expr, int openAt, int from, int to) {
        int depth = 1;
        char quote = 0;
        for (int j = from; j < to; j++) {
            char c = expr.charAt(j);
            if (quote != 0) {
                if (c == '\\') {
                    j++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        throw new InlineExpressionException(expr, openAt, quote != 0
                ? "a quoted string inside the placeholder is not closed; add the closing " + quote
                : "the placeholder is not closed; add the matching `}`");
    }
}
