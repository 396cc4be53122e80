package io.pilothouse.services.shards.map;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the rows of a set of sharded tables live, as read at one instant: the nodes that hold them and, per table,
 * its shards. One model for the three ways our users shard (native partitioning with postgres_fdw, application-level
 * routing, Citus), so one view draws them all.
 *
 * @param name     what the map is of, e.g. {@code demo (postgres on 127.0.0.1:5432)}
 * @param kind     how the rows are routed
 * @param nodes    every node a shard of some table lives on, the coordinator first
 * @param tables   the sharded tables, by name
 * @param problems what could not be read for the map as a whole (each says what to do), empty when none
 * @param readAt   when the map was read
 */
public record ShardMap(String name, MapKind kind, List<MapNode> nodes, List<MapTable> tables, List<String> problems,
                       Instant readAt) {

    public ShardMap {
        nodes = List.copyOf(nodes);
        tables = List.copyOf(tables);
        problems = List.copyOf(problems);
    }

    /** The node with this id, if the map has it. */
    public Optional<MapNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The table with this name, if the map has it. */
    public Optional<MapTable> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
