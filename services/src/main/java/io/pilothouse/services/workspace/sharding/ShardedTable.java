package io.pilothouse.services.workspace.sharding;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One logical table of an application-level shard map: where its rows can live and how a key picks the place.
 *
 * @param logicalTable  the name the application queries, e.g. {@code t_order}
 * @param dataNodes     every physical table, in configuration order
 * @param databaseRoute picks the data source from the key, or null when the table lives in one data source
 * @param tableRoute    picks the physical table within the data source, or null when there is one table per source
 */
public record ShardedTable(String logicalTable, List<DataNode> dataNodes, ShardingRoute databaseRoute,
                           ShardingRoute tableRoute) {

    public ShardedTable {
        dataNodes = List.copyOf(dataNodes);
    }

    /** The sharding columns, database level first; usually one. */
    public Set<String> shardingColumns() {
        Set<String> columns = new LinkedHashSet<>();
        if (databaseRoute != null) {
            columns.add(databaseRoute.column());
        }
        if (tableRoute != null) {
            columns.add(tableRoute.column());
        }
        return columns;
    }

    /**
     * The data node holding the row whose sharding column(s) equal {@code key}.
     *
     * @throws IllegalArgumentException if a level has no route and more than one candidate (ShardingSphere would
     *                                  broadcast), or the routes name a node that is not in {@link #dataNodes}
     */
    public DataNode locate(long key) {
        List<String> sources = dataNodes.stream().map(DataNode::dataSource).distinct().toList();
        String ds = pick("data source", databaseRoute, key, sources);
        List<String> tables = dataNodes.stream().filter(n -> n.dataSource().equals(ds)).map(DataNode::table)
                .toList();
        String table = pick("table", tableRoute, key, tables);
        DataNode node = new DataNode(ds, table);
        if (!dataNodes.contains(node)) {
            throw new IllegalArgumentException(logicalTable + ": key " + key + " routes to " + node + ", which is "
                    + "not among actualDataNodes; the algorithm and the data nodes disagree");
        }
        return node;
    }

    private String pick(String level, ShardingRoute route, long key, List<String> candidates) {
        if (route != null) {
            return route.target(key, candidates);
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        throw new IllegalArgumentException(logicalTable + " has no " + level + " sharding strategy but "
                + candidates.size() + " candidates " + candidates + "; a key alone cannot pick one");
    }
}
