package io.pilothouse.views.reshard;

import io.pilothouse.services.shards.map.MapKind;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.views.format.ByteSizeFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

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
 */
public record PartitionOption(String partition, String table, String database, String node, OptionalLong bytes,
                              OptionalLong rows, List<String> targets) {

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
                            shard.bytes(), shard.rows(), targets));
                }
            }
        }
        return out;
    }

    /** {@code on shard2 · 1.2 MiB · ~2,500 rows}. */
    public String details() {
        StringBuilder s = new StringBuilder("on ").append(node);
        bytes.ifPresent(b -> s.append(" \u00b7 ").append(ByteSizeFormat.format(b)));
        rows.ifPresent(r -> s.append(" \u00b7 ~").append(String.format(Locale.ROOT, "%,d", r)).append(" rows"));
        return s.toString();
    }
}
