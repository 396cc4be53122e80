/**
 * The shard map of native declarative partitioning: partitioned tables read from a coordinator's catalogs, foreign
 * partitions followed through postgres_fdw to the servers that hold them, sizes, row estimates and write rates read
 * there, and the layout checked for gaps and overlaps in its bounds.
 */
package io.pilothouse.services.shards.partitions;
