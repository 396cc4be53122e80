package io.pilothouse.services.workspace;

import java.util.Locale;
import java.util.Optional;

/**
 * The shape rules of the workspace's in-doubt decision query ({@code indoubt.decision.query}): a single
 * {@code SELECT} with exactly one parameter {@code $1} (the global transaction id), returning one boolean column.
 * The rules are checked on the text only; the lookup also runs it in a read-only transaction with a statement
 * timeout, which is the real guard against a query that writes.
 *
 * <p>The scanner knows enough SQL to skip string literals ({@code '…'}, {@code E'…'}), quoted identifiers, dollar
 * quoting ({@code $$…$$}, {@code $tag$…$tag$}) and comments, so a {@code $1} or {@code ;} inside them is not
 * counted.
 */
public final class DecisionQuery {

    /** What the workspace documentation shows. */
    public static final String EXAMPLE = "SELECT committed FROM tx_decisions WHERE global_id = $1";

    private DecisionQuery() {
    }

    /** What is wrong with {@code query}, in words, or empty when it has the required shape. */
    public static Optional<String> problem(String query) {
        if (query == null || query.isBlank()) {
            return Optional.of("is missing; give a SELECT with one parameter $1 (the global transaction id) that "
                    + "returns one boolean column, e.g. " + EXAMPLE);
        }
        Scan scan;
        try {
            scan = scan(query);
        } catch (IllegalArgumentException e) {
            return Optional.of("cannot be read: " + e.getMessage());
        }
        if (!scan.firstWord.equals("select")) {
            return Optional.of("must be a single SELECT, but it starts with "
                    + (scan.firstWord.isEmpty() ? "no keyword" : "'" + scan.firstWord.toUpperCase(Locale.ROOT) + "'")
                    + "; the decision lookup only reads, e.g. " + EXAMPLE);
        }
        if (scan.statements > 1) {
            return Optional.of("contains more than one statement (a ';' in the middle); give a single SELECT");
        }
        if (scan.otherParameter != null) {
            return Optional.of("uses the parameter " + scan.otherParameter + "; only $1 (the global transaction "
                    + "id) is passed");
        }
        if (scan.dollarOnes != 1) {
            return Optional.of((scan.dollarOnes == 0 ? "has no parameter $1" : "uses $1 " + scan.dollarOnes
                    + " times") + "; write it exactly once where the global transaction id goes, e.g. " + EXAMPLE);
        }
        return Optional.empty();
    }

    /**
     * The query for a JDBC {@code PreparedStatement}: {@code $1} becomes {@code ?}, a {@code ?} operator already
     * there (jsonb) becomes {@code ??} so the driver does not take it for a parameter, and a trailing {@code ;} is
     * dropped. Only call on a query without a {@link #problem}.
     */
    public static String toJdbc(String query) {
        StringBuilder out = new StringBuilder(query.length());
        int i = 0;
        int n = query.length();
        while (i < n) {
            int skip = skipQuoted(query, i);
            if (skip > i) {
                out.append(query, i, skip);
                i = skip;
                continue;
            }
            char c = query.charAt(i);
            if (c == '$' && i + 1 < n && query.charAt(i + 1) == '1' && !digitAt(query, i + 2)) {
                out.append('?');
                i += 2;
            } else if (c == '?') {
                out.append("??");
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        String s = out.toString().strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }

    private static final class Scan {
        String firstWord = "";
        int dollarOnes;
        String otherParameter;
        int statements = 1;
    }

    private static Scan scan(String q) {
        Scan s = new Scan();
        int n = q.length();
        int i = 0;
        boolean sawSemicolon = false;
        while (i < n) {
            int skip = skipQuoted(q, i);
            if (skip > i) {
                if (sawSemicolon && !isComment(q, i)) {
                    s.statements++;
                    sawSemicolon = false;
                }
                i = skip;
                continue;
            }
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (sawSemicolon && c != ';') {
                s.statements++;
                sawSemicolon = false;
            }
            if (c == ';') {
                sawSemicolon = true;
                i++;
            } else if (c == '$' && digitAt(q, i + 1)) {
                int end = i + 1;
                while (digitAt(q, end)) {
                    end++;
                }
                String p = q.substring(i, end);
                if (p.equals("$1")) {
                    s.dollarOnes++;
                } else if (s.otherParameter == null) {
                    s.otherParameter = p;
                }
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(q.charAt(end)) || q.charAt(end) == '_'
                        || q.charAt(end) == '$')) {
                    end++;
                }
                if (s.firstWord.isEmpty()) {
                    s.firstWord = q.substring(i, end).toLowerCase(Locale.ROOT);
                }
                i = end;
            } else {
                if (s.firstWord.isEmpty()) {
                    s.firstWord = String.valueOf(c);
                }
                i++;
            }
        }
        return s;
    }

    private static boolean isComment(String q, int i) {
        return q.startsWith("--", i) || q.startsWith("/*", i);
    }

    /** The index after the literal, quoted identifier or comment starting at {@code i}, or {@code i} if none. */
    private static int skipQuoted(String q, int i) {
        int n = q.length();
        char c = q.charAt(i);
        if (c == '\'' || c == '"') {
            boolean backslashEscapes = c == '\'' && i > 0 && (q.charAt(i - 1) == 'E' || q.charAt(i - 1) == 'e')
                    && (i < 2 || !Character.isLetterOrDigit(q.charAt(i - 2)) && q.charAt(i - 2) != '_');
            int j = i + 1;
            while (j < n) {
                char d = q.charAt(j);
                if (backslashEscapes && d == '\\') {
                    j += 2;
                    continue;
                }
                if (d == c) {
                    if (j + 1 < n && q.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            throw new IllegalArgumentException("a " + (c == '\'' ? "string literal" : "quoted identifier")
                    + " opened at character " + (i + 1) + " is never closed");
        }
        if (q.startsWith("--", i)) {
            int end = q.indexOf('\n', i);
            return end < 0 ? n : end + 1;
        }
        if (q.startsWith("/*", i)) {
            int end = q.indexOf("*/", i + 2);
            if (end < 0) {
                throw new IllegalArgumentException("a comment opened at character " + (i + 1) + " is never closed");
            }
            return end + 2;
        }
        if (c == '$' && !digitAt(q, i + 1)) {
            // Dollar quoting: $$…$$ or $tag$…$tag$ (a tag does not start with a digit, unlike a parameter).
            int j = i + 1;
            while (j < n && (Character.isLetterOrDigit(q.charAt(j)) || q.charAt(j) == '_')) {
                j++;
            }
            if (j < n && q.charAt(j) == '$') {
                String tag = q.substring(i, j + 1);
                int end = q.indexOf(tag, j + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("a dollar-quoted string opened at character " + (i + 1)
                            + " is never closed");
                }
                return end + tag.length();
            }
        }
        return i;
    }

    private static boolean digitAt(String q, int i) {
        return i < q.length() && q.charAt(i) >= '0' && q.charAt(i) <= '9';
    }
}
