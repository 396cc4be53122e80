package io.pilothouse.services.shards.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One sharded table and its shards.
 *
 * @param name     qualified name on the coordinator ({@code demo.orders}) or the logical table name
 * @param strategy how rows are placed, for display: {@code hash (user_id)}, {@code range (happened_at)}, {@code user_id % 4}
 * @param shards   its shards in bound order
 * @param problems what is wrong with its layout: gaps or overlaps in bounds, partitions without a home, shards whose
 *                 node cannot be read; each a sentence naming the shard
 */
public record MapTable(String name, String strategy, List<MapShard> shards, List<String> problems) {

    public MapTable {
        shards = List.copyOf(shards);
        problems = List.copyOf(problems);
    }

    /** Bytes per node id, in the order nodes first hold a shard; nodes with no known size are left out. */
    public Map<String, Long> bytesByNode() {
        Map<String, Long> total = new LinkedHashMap<>();
        for (MapShard s : shards) {
            if (s.bytes().isPresent() && s.nodeId() != null) {
                total.merge(s.nodeId(), s.bytes().getAsLong(), Long::sum);
            }
        }
        return total;
    }

    /**
     * Skew: the largest node's bytes over the mean per node, 1.0 when even; empty with fewer than two nodes of known
     * size.
     */
    public Optional<Double> skew() {
        Map<String, Long> byNode = bytesByNode();
        if (byNode.size() < 2) {
            return Optional.empty();
        }
        long sum = byNode.values().stream().mapToLong(Long::longValue).sum();
        long max = byNode.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return sum == 0 ? Optional.of(1.0) : Optional.of(max / ((double) sum / byNode.size()));
    }

    /** Sum of the shards' known sizes. */
    public OptionalLong bytes() {
        long[] known = shards.stream().map(MapShard::bytes).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).toArray();
        return known.length == 0 ? OptionalLong.empty() : OptionalLong.of(java.util.Arrays.stream(known).sum());
    }

    /** The shard with this name, if any. */
    public Optional<MapShard> shard(String name) {
        return shards.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
