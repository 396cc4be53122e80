package io.pilothouse.views.reshard;

import io.pilothouse.services.shards.map.MapKind;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.ShardBound;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.views.format.ByteSizeFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A partition the wizard offers to move, read off a native-partitioning shard map.
 *
 * @param partition qualified name on the coordinator ({@code demo.orders_p3})
 * @param table     its partitioned table
 * @param database  the coordinator's database
 * @param node      the label of the node holding its rows (the coordinator's cluster, or a foreign server name)
 * @param bytes     its size there, when known
 * @param rows      its row estimate, when known
 * @param targets   the foreign servers of the map's other nodes: where it can go
 * @param bound     its bound as the map read it (a {@link ShardBound.Hash} can be split in two), or null
 */
public record PartitionOption(String partition, String table, String database, String node, OptionalLong bytes,
                              OptionalLong rows, List<String> targets, ShardBound bound) {

    private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?)(\\d+)$");

    public PartitionOption {
        targets = List.copyOf(targets);
    }

    /**
     * Every partition of every native map whose coordinator is {@code cluster} (every native map when none is).
     * Targets are the map's nodes other than the coordinator (which has no foreign server of its own) and the
     * partition's own node.
     */
    public static List<PartitionOption> of(List<ShardMap> maps, String cluster) {
        List<ShardMap> natives = maps.stream().filter(m -> m.kind() == MapKind.NATIVE_PARTITIONING).toList();
        List<ShardMap> ofCluster = natives.stream().filter(m -> !m.nodes().isEmpty()
                && m.nodes().get(0).label().equals(cluster)).toList();
        List<PartitionOption> out = new ArrayList<>();
        for (ShardMap map : ofCluster.isEmpty() ? natives : ofCluster) {
            if (map.nodes().isEmpty()) {
                continue;
            }
            MapNode coordinator = map.nodes().get(0);
            for (MapTable table : map.tables()) {
                for (MapShard shard : table.shards()) {
                    String node = shard.nodeId() == null ? "no home"
                            : map.node(shard.nodeId()).map(MapNode::label).orElse(shard.nodeId());
                    List<String> targets = map.nodes().stream().filter(n -> n != coordinator)
                            .filter(n -> !n.id().equals(shard.nodeId())).map(MapNode::label).distinct().toList();
                    out.add(new PartitionOption(shard.name(), table.name(), coordinator.database(), node,
                            shard.bytes(), shard.rows(), targets, shard.bound()));
                }
            }
        }
        return out;
    }

    /** The hash bound, when the partition is a hash partition (only those split in two). */
    public Optional<ShardBound.Hash> hash() {
        return bound instanceof ShardBound.Hash h ? Optional.of(h) : Optional.empty();
    }

    /**
     * What a split to {@code target} would leave, or empty for a partition that is not a hash partition:
     * {@code 3 mod 16 stays on shard2, 11 mod 16 goes to shard1}.
     */
    public Optional<String> splitBounds(String target) {
        String to = target == null || target.isBlank() ? "the target" : target.trim();
        return hash().map(h -> h.remainder() + " mod " + 2 * h.modulus() + " stays on " + node + ", "
                + (h.remainder() + h.modulus()) + " mod " + 2 * h.modulus() + " goes to " + to);
    }

    /**
     * The new partition's name (in the same schema) when none is typed, as the planner picks it: the trailing
     * number replaced by the new remainder ({@code demo.orders_p3} of modulus 8 → {@code orders_p11}), else
     * {@code _r11} appended; empty when the partition is not a hash partition.
     */
    public Optional<String> defaultSplitName() {
        String name = partition.substring(partition.lastIndexOf('.') + 1);
        return hash().map(h -> {
            Matcher m = TRAILING_NUMBER.matcher(name);
            int moved = h.remainder() + h.modulus();
            return m.matches() && Integer.parseInt(m.group(2)) == h.remainder() ? m.group(1) + moved
                    : name + "_r" + moved;
        });
    }

    /** {@code on shard2 · 1.2 MiB · ~2,500 rows}. */
    public String details() {
        StringBuilder s = new StringBuilder("on ").append(node);
        bytes.ifPresent(b -> s.append(" \u00b7 ").append(ByteSizeFormat.format(b)));
        rows.ifPresent(r -> s.append(" \u00b7 ~").append(String.format(Locale.ROOT, "%,d", r)).append(" rows"));
        return s.toString();
    }
}
