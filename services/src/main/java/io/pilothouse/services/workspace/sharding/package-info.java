/**
 * The rule language of a workspace's {@code shardMaps:} entries: where a key's row lives, computed from the
 * configuration alone (no server is asked).
 *
 * <p>{@link io.pilothouse.services.workspace.sharding.InlineExpressions} expands ShardingSphere
 * {@code actualDataNodes}; {@link io.pilothouse.services.workspace.sharding.ShardingExpression} evaluates an INLINE
 * {@code algorithm-expression} for a key; {@link io.pilothouse.services.workspace.sharding.ShardingSphereRules}
 * reads a ShardingSphere 5 rule file into an {@link io.pilothouse.services.workspace.sharding.AppShardMap} whose
 * {@link io.pilothouse.services.workspace.sharding.ShardedTable}s locate a key's
 * {@link io.pilothouse.services.workspace.sharding.DataNode}. The workspace's {@code shardMaps:} builds the same
 * model for a hand-written {@code key % N} router. None of this runs Groovy or the application's code: what cannot
 * be computed from the file is refused with the position and what to do.
 *
 * <p>It sits under {@code workspace} because loading a workspace validates its rule files; the
 * {@code shards} feature reads the servers these rules point at.
 */
package io.pilothouse.services.workspace.sharding;
