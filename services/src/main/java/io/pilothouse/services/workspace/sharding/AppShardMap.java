package io.pilothouse.services.workspace.sharding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Application-level sharding of one application: its data sources and its sharded logical tables, from a
 * ShardingSphere rule file or a workspace {@code shardMaps:} entry.
 *
 * @param name        display name
 * @param dataSources data source names, in file order
 * @param tables      sharded tables by logical name, in file order
 */
public record AppShardMap(String name, List<String> dataSources, Map<String, ShardedTable> tables) {

    public AppShardMap {
        dataSources = List.copyOf(dataSources);
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /** The table with this logical name, if sharded here. */
    public Optional<ShardedTable> table(String logicalTable) {
        return Optional.ofNullable(tables.get(logicalTable));
    }
}
