package io.pilothouse.services.shards.partitions;

import io.pilothouse.services.shards.map.ShardBound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a partition bound as {@code pg_get_expr(relpartbound, oid)} prints it into a {@link ShardBound}. */
public final class BoundParser {

    private static final Pattern HASH = Pattern.compile(
            "FOR VALUES WITH \\(modulus (\\d+), remainder (\\d+)\\)");
    private static final String RANGE_FROM = "FOR VALUES FROM (";
    private static final String RANGE_TO = ") TO (";
    private static final String LIST = "FOR VALUES IN (";

    private BoundParser() {
    }

    /** {@code FOR VALUES WITH (modulus 8, remainder 3)} → {@code Hash(8, 3)}; anything unknown → {@code Other}. */
    public static ShardBound parse(String expr) {
        if (expr == null || expr.isBlank()) {
            return new ShardBound.Other("no bound");
        }
        String e = expr.trim();
        if (e.equals("DEFAULT")) {
            return new ShardBound.Default();
        }
        Matcher hash = HASH.matcher(e);
        if (hash.matches()) {
            return new ShardBound.Hash(Integer.parseInt(hash.group(1)), Integer.parseInt(hash.group(2)));
        }
        if (e.startsWith(RANGE_FROM) && e.endsWith(")")) {
            int to = indexOutsideQuotes(e, RANGE_TO, RANGE_FROM.length());
            if (to > 0) {
                return new ShardBound.Range(e.substring(RANGE_FROM.length(), to),
                        e.substring(to + RANGE_TO.length(), e.length() - 1));
            }
        }
        if (e.startsWith(LIST) && e.endsWith(")")) {
            return new ShardBound.ListOf(e.substring(LIST.length(), e.length() - 1));
        }
        return new ShardBound.Other(e);
    }

    /**
     * The values of a bound list as PostgreSQL prints them ({@code 'a''b', 10, MINVALUE}), split on the commas
     * outside quotes, each trimmed but still quoted.
     */
    public static List<String> values(String printed) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < printed.length(); i++) {
            char c = printed.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }

    /** {@code 'it''s'} → {@code it's}; {@code 10} → {@code 10}; {@code 'x'::text} → {@code x}. */
    public static String unquote(String value) {
        String v = value.trim();
        if (!v.startsWith("'")) {
            return v;
        }
        int end = v.lastIndexOf('\'');
        return end <= 0 ? v : v.substring(1, end).replace("''", "'");
    }

    private static int indexOutsideQuotes(String s, String needle, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && s.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }
}
