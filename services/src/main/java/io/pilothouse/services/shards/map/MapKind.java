package io.pilothouse.services.shards.map;

/** How a map's rows are routed to their shards. */
public enum MapKind {
    /** Native declarative partitioning, partitions local or foreign (postgres_fdw) tables on other servers. */
    NATIVE_PARTITIONING,
    /** The application routes by key ({@code key % N} or ShardingSphere rules); the map is declared in the workspace. */
    APPLICATION,
    /** Citus distributed tables, from its metadata. */
    CITUS
}
