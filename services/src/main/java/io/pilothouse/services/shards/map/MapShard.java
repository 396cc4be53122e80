package io.pilothouse.services.shards.map;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One shard of a table: a partition (local or foreign), an application shard table, or a Citus shard.
 *
 * @param name          qualified name on the coordinator ({@code demo.orders_p3}), or the physical table's name
 * @param nodeId        {@link MapNode#id()} of the node holding its rows, or null when it has no home
 * @param remoteTable   qualified name of the table on that node ({@code demo.orders_p3})
 * @param bound         which keys it holds
 * @param foreign       true for a postgres_fdw foreign table on the coordinator
 * @param bytes         total size on its node (table, indexes, TOAST), empty when the node could not be read
 * @param rows          row estimate on its node ({@code reltuples}, or live tuples before the first ANALYZE)
 * @param writesPerSecond inserted + updated + deleted rows per second since the previous read, empty on the first
 * @param problem       what is wrong with this shard (no home, remote table missing, node unreachable), or null
 */
public record MapShard(String name, String nodeId, String remoteTable, ShardBound bound, boolean foreign,
                       OptionalLong bytes, OptionalLong rows, OptionalDouble writesPerSecond, String problem) {
}
