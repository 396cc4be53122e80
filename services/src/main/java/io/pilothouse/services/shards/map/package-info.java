/**
 * One model of a shard map, whatever routes the rows: {@link io.pilothouse.services.shards.map.ShardMap} of
 * {@link io.pilothouse.services.shards.map.MapNode}s and {@link io.pilothouse.services.shards.map.MapTable}s whose
 * {@link io.pilothouse.services.shards.map.MapShard}s carry a bound, a size, a row estimate and a write rate.
 * Readers for native partitioning, application maps and Citus build it; the view draws it.
 */
package io.pilothouse.services.shards.map;
