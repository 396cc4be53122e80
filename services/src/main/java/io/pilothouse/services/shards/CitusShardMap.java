package io.pilothouse.services.shards;

import java.util.List;

/**
 * The Citus layout of one coordinator: its nodes and its distributed, reference and local tables.
 *
 * @param version the citus extension version, e.g. {@code 12.1-1}
 * @param nodes   pg_dist_node rows, by group then node id
 * @param tables  tables by name
 */
public record CitusShardMap(String version, List<CitusNode> nodes, List<CitusTable> tables) {

    public CitusShardMap {
        nodes = List.copyOf(nodes);
        tables = List.copyOf(tables);
    }
}
