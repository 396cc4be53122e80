package io.pilothouse.views.shards;

import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.ShardMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One table of a map laid out for drawing: a lane per node holding its shards (coordinator first, as the map lists
 * nodes), then a lane of shards without a home; the header line and the problems in words. Pure, no JavaFX.
 *
 * @param map      the map the table is from
 * @param table    the table
 * @param lanes    one per node holding a shard of the table, then one for shards without a home (if any)
 * @param header   strategy, shard count, total size and skew, e.g. {@code hash (user_id) · 8 shards · 1.2 GiB · skew
 *                 1.42 (shard2 largest)}
 * @param problems the table's problems, then each troubled shard's that the table does not already name
 */
public record TableLayout(ShardMap map, MapTable table, List<Lane> lanes, String header, List<String> problems) {

    /** Label of the lane of shards whose node is not known. */
    public static final String NO_HOME = "No home";

    /**
     * One node's lane.
     *
     * @param node     the node, or null for the lane of shards without a home
     * @param label    the node's label
     * @param shards   its shards of the table, in bound order
     * @param bytes    their known bytes
     * @param share    share of the table's known bytes, empty when the table's size is unknown
     */
    public record Lane(MapNode node, String label, List<MapShard> shards, long bytes, OptionalDouble share) {

        public Lane {
            shards = List.copyOf(shards);
        }

        /** True when no shard of the lane has a known size. */
        public boolean sizeUnknown() {
            return shards.stream().noneMatch(s -> s.bytes().isPresent());
        }
    }

    public TableLayout {
        lanes = List.copyOf(lanes);
        problems = List.copyOf(problems);
    }

    /** Lays out one table of a map. */
    public static TableLayout of(ShardMap map, MapTable table) {
        Map<String, List<MapShard>> byNode = new LinkedHashMap<>();
        map.nodes().forEach(n -> byNode.put(n.id(), new ArrayList<>()));
        List<MapShard> homeless = new ArrayList<>();
        for (MapShard s : table.shards()) {
            List<MapShard> lane = s.nodeId() == null ? null : byNode.get(s.nodeId());
            if (lane == null) {
                homeless.add(s);
            } else {
                lane.add(s);
            }
        }
        long total = table.bytes().orElse(0);
        List<Lane> lanes = new ArrayList<>();
        for (MapNode n : map.nodes()) {
            List<MapShard> shards = byNode.get(n.id());
            if (!shards.isEmpty()) {
                long bytes = shards.stream().mapToLong(s -> s.bytes().orElse(0)).sum();
                lanes.add(new Lane(n, n.label(), shards, bytes,
                        total > 0 ? OptionalDouble.of(bytes / (double) total) : OptionalDouble.empty()));
            }
        }
        if (!homeless.isEmpty()) {
            long bytes = homeless.stream().mapToLong(s -> s.bytes().orElse(0)).sum();
            lanes.add(new Lane(null, NO_HOME, homeless, bytes,
                    total > 0 ? OptionalDouble.of(bytes / (double) total) : OptionalDouble.empty()));
        }
        List<String> problems = new ArrayList<>(table.problems());
        // Shard problems the table's own lines do not name yet, one line per distinct problem.
        Map<String, List<String>> byProblem = new LinkedHashMap<>();
        for (MapShard s : table.shards()) {
            String shortName = ShardTile.shortName(s.name());
            if (s.problem() != null && table.problems().stream().noneMatch(p -> p.contains(shortName))) {
                byProblem.computeIfAbsent(s.problem(), p -> new ArrayList<>()).add(s.name());
            }
        }
        byProblem.forEach((problem, names) -> problems.add(String.join(", ", names) + ": " + problem));
        return new TableLayout(map, table, lanes, header(map, table), problems);
    }

    /** The largest shard's known bytes in the table, 0 when none is known (tiles scale against it). */
    public long largestShard() {
        return table.shards().stream().mapToLong(s -> s.bytes().orElse(0)).max().orElse(0);
    }

    /** The lane of a node id, if it has one. */
    public Optional<Lane> lane(String nodeId) {
        return lanes.stream().filter(l -> l.node() != null && l.node().id().equals(nodeId)).findFirst();
    }

    private static String header(ShardMap map, MapTable table) {
        StringBuilder h = new StringBuilder(table.strategy());
        h.append(" · ").append(ShardText.plural(table.shards().size(), "shard"));
        h.append(" · ").append(table.bytes().isPresent() ? ShardText.size(table.bytes()) : "size unknown");
        table.skew().ifPresent(skew -> {
            String largest = table.bytesByNode().entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(e -> map.node(e.getKey()).map(MapNode::label).orElse(e.getKey())).orElse("?");
            h.append(" · ").append(ShardText.skew(skew, largest));
        });
        // Skew counts nodes of known size only: say which nodes it leaves out rather than look even.
        List<String> unknown = map.nodes().stream()
                .filter(n -> table.shards().stream().anyMatch(s -> n.id().equals(s.nodeId())))
                .filter(n -> !table.bytesByNode().containsKey(n.id())).map(MapNode::label).toList();
        if (!unknown.isEmpty()) {
            h.append(" · ").append(String.join(", ", unknown)).append(" not counted: size unknown");
        }
        if (table.skew().isEmpty()) {
            h.append(" · skew not known (fewer than two nodes of known size)");
        }
        return h.toString();
    }
}
