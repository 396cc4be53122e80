package io.pilothouse.services.shards.partitions;

import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.ShardBound;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One partitioned table's shards put in bound order and its layout checked: hash remainders covered once, range
 * bounds without internal gaps or overlaps (ranked by {@link RangeRanks}), shard problems repeated as table problems.
 */
final class TableLayout {

    private static final String MINVALUE = "MINVALUE";
    private static final String MAXVALUE = "MAXVALUE";

    private TableLayout() {
    }

    /**
     * The table.
     *
     * @param rows   its leaf partitions (all of the same root), as the catalog has them
     * @param shards the shard of each row, same order
     * @param ranks  rank of each unquoted range literal of its direct partitions, empty when not ranked
     */
    static MapTable build(List<PartitionRow> rows, List<MapShard> shards, Map<String, Long> ranks) {
        PartitionRow first = rows.get(0);
        Map<String, ShardBound> tops = new LinkedHashMap<>();
        for (PartitionRow r : rows) {
            tops.putIfAbsent(r.topName(), BoundParser.parse(r.topBound()));
        }
        boolean hasDefault = tops.values().stream().anyMatch(b -> b instanceof ShardBound.Default);
        String keyDef = first.keyDef() == null ? "" : first.keyDef();
        int space = keyDef.indexOf(' ');
        String strategy = space < 0 ? keyDef.toLowerCase(Locale.ROOT)
                : keyDef.substring(0, space).toLowerCase(Locale.ROOT) + keyDef.substring(space);
        boolean hashed = keyDef.startsWith("HASH");
        if (!hashed && !hasDefault) {
            strategy += ", no default partition";
        }
        List<String> problems = new ArrayList<>(hashed ? hashCoverage(tops) : rangeCoverage(tops, ranks, hasDefault));

        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> category(tops.get(rows.get(i).topName())))
                .thenComparingLong(i -> position(tops.get(rows.get(i).topName()), ranks))
                .thenComparing(i -> rows.get(i).qualified()));
        List<MapShard> sorted = order.stream().map(shards::get).toList();
        sorted.stream().filter(s -> s.problem() != null).forEach(s -> problems.add(s.problem()));
        return new MapTable(first.rootQualified(), strategy, sorted, problems);
    }

    private static List<String> hashCoverage(Map<String, ShardBound> tops) {
        List<BoundCoverage.HashPart> parts = new ArrayList<>();
        tops.forEach((name, b) -> {
            if (b instanceof ShardBound.Hash h) {
                parts.add(new BoundCoverage.HashPart(name, h.modulus(), h.remainder()));
            }
        });
        return BoundCoverage.hash(parts);
    }

    private static List<String> rangeCoverage(Map<String, ShardBound> tops, Map<String, Long> ranks,
                                              boolean hasDefault) {
        if (ranks.isEmpty()) {
            return List.of();
        }
        List<BoundCoverage.RangePart> parts = new ArrayList<>();
        for (Map.Entry<String, ShardBound> e : tops.entrySet()) {
            if (e.getValue() instanceof ShardBound.Range r) {
                Long from = rank(r.from(), ranks);
                Long to = rank(r.to(), ranks);
                if (from == null || to == null) {
                    return List.of();
                }
                parts.add(new BoundCoverage.RangePart(e.getKey(), from, to, r.from(), r.to()));
            }
        }
        return BoundCoverage.range(parts, hasDefault);
    }

    /** The unquoted literal of a single-column range bound, or null for MINVALUE/MAXVALUE. */
    static String literal(String printed) {
        String v = printed.trim();
        return v.equals(MINVALUE) || v.equals(MAXVALUE) ? null : BoundParser.unquote(v);
    }

    private static Long rank(String printed, Map<String, Long> ranks) {
        String v = printed.trim();
        if (v.equals(MINVALUE)) {
            return Long.MIN_VALUE;
        }
        if (v.equals(MAXVALUE)) {
            return Long.MAX_VALUE;
        }
        return ranks.get(BoundParser.unquote(v));
    }

    private static int category(ShardBound b) {
        if (b instanceof ShardBound.Hash || b instanceof ShardBound.Range) {
            return 0;
        }
        return b instanceof ShardBound.Default ? 2 : 1;
    }

    private static long position(ShardBound b, Map<String, Long> ranks) {
        if (b instanceof ShardBound.Hash h) {
            return (long) h.remainder() * Integer.MAX_VALUE + h.modulus();
        }
        if (b instanceof ShardBound.Range r) {
            Long from = rank(r.from(), ranks);
            return from == null ? 0 : from;
        }
        return 0;
    }
}
