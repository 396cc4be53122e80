/**
 * Shard maps the databases cannot tell us on their own, and Citus's when it can.
 *
 * <p>Application-level sharding: {@link io.pilothouse.services.shards.InlineExpressions} expands ShardingSphere
 * {@code actualDataNodes}; {@link io.pilothouse.services.shards.ShardingExpression} evaluates an INLINE
 * {@code algorithm-expression} for a key; {@link io.pilothouse.services.shards.ShardingSphereRules} reads a
 * ShardingSphere 5 rule file into an {@link io.pilothouse.services.shards.AppShardMap} whose
 * {@link io.pilothouse.services.shards.ShardedTable}s locate a key's
 * {@link io.pilothouse.services.shards.DataNode}. The workspace's {@code shardMaps:} builds the same model for a
 * hand-written {@code key % N} router. None of this runs Groovy or the application's code: what cannot be
 * computed from the file is refused with the position and what to do.
 *
 * <p>Citus: {@link io.pilothouse.services.shards.CitusShardMapReader} detects the extension and reads
 * {@code citus_shards}, {@code pg_dist_shard} and {@code pg_dist_node} into a
 * {@link io.pilothouse.services.shards.CitusShardMap}. Read-only throughout.
 */
package io.pilothouse.services.shards;
