package io.pilothouse.app.cli;

import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.views.format.ByteSizeFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Shard maps as text: per map its nodes, per table a row per shard, then node totals, skew and problems. */
final class ShardsText {

    private static final String NONE = "-";

    private ShardsText() {
    }

    static String render(List<ShardMap> maps) {
        if (maps.isEmpty()) {
            return "No sharded tables found on any primary of the workspace.\n";
        }
        StringBuilder out = new StringBuilder();
        for (ShardMap map : maps) {
            out.append(map.name()).append("  (").append(map.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(", read ").append(map.readAt()).append(")\n");
            for (MapNode n : map.nodes()) {
                out.append("  node ").append(n.label()).append("  ").append(n.id()).append("  ")
                        .append(n.reach().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                if (n.error() != null) {
                    out.append(": ").append(n.error());
                }
                out.append('\n');
            }
            map.problems().forEach(p -> out.append("  problem: ").append(p).append('\n'));
            for (MapTable t : map.tables()) {
                out.append('\n');
                table(out, map, t);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void table(StringBuilder out, ShardMap map, MapTable t) {
        out.append(t.name()).append("  ").append(t.strategy()).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SHARD", "NODE", "BOUND", "SIZE", "ROWS", "WRITES/S", "PROBLEM"});
        for (MapShard s : t.shards()) {
            rows.add(new String[] {s.name(), label(map, s.nodeId()), s.bound().display(),
                    s.bytes().isPresent() ? ByteSizeFormat.format(s.bytes().getAsLong()) : NONE,
                    s.rows().isPresent() ? String.format(Locale.ROOT, "%,d", s.rows().getAsLong()) : NONE,
                    s.writesPerSecond().isPresent()
                            ? String.format(Locale.ROOT, "%.1f", s.writesPerSecond().getAsDouble()) : NONE,
                    s.problem() == null ? "" : s.problem()});
        }
        int[] widths = new int[7];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < r.length; i++) {
                line.append(i == 3 || i == 4 || i == 5 ? pad(r[i], widths[i], true) : pad(r[i], widths[i], false));
                line.append("  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        List<String> totals = new ArrayList<>();
        for (Map.Entry<String, Long> e : t.bytesByNode().entrySet()) {
            totals.add(label(map, e.getKey()) + " " + ByteSizeFormat.format(e.getValue()));
        }
        out.append("  per node: ").append(totals.isEmpty() ? "no sizes known" : String.join(", ", totals));
        t.skew().ifPresent(s -> out.append(String.format(Locale.ROOT, "; skew %.2f (largest / mean)", s)));
        out.append('\n');
        t.problems().forEach(p -> out.append("  problem: ").append(p).append('\n'));
    }

    private static String label(ShardMap map, String nodeId) {
        if (nodeId == null) {
            return "(no home)";
        }
        return map.node(nodeId).map(MapNode::label).orElse(nodeId);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
