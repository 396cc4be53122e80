/**
 * Shard maps the databases cannot tell us on their own, and Citus's when it can.
 *
 * <p>Application-level sharding: {@link io.pilothouse.services.shards.AppShardMapReader} reads each of the
 * workspace's {@code shardMaps:} (the rule language, from {@code key % N} to ShardingSphere files, lives in
 * {@link io.pilothouse.services.workspace.sharding}) and asks every shard's server what it holds.
 *
 * <p>Citus: {@link io.pilothouse.services.shards.CitusShardMapReader} detects the extension and reads
 * {@code citus_shards}, {@code pg_dist_shard} and {@code pg_dist_node} into a
 * {@link io.pilothouse.services.shards.CitusShardMap}. Read-only throughout.
 */
package io.pilothouse.services.shards;
