package io.pilothouse.services.shards.partitions;

import java.util.Map;

/**
 * One leaf partition of a partitioned table as the coordinator's catalog has it.
 *
 * @param rootSchema    schema of the top partitioned table
 * @param rootName      name of the top partitioned table
 * @param keyDef        {@code pg_get_partkeydef}: {@code HASH (user_id)}
 * @param keyColumn     the key column when the key is one plain column, else null
 * @param topName       qualified name of the root's direct partition this leaf is (or is under)
 * @param topBound      that direct partition's bound, as printed
 * @param schema        the leaf's schema
 * @param name          the leaf's name
 * @param foreign       a postgres_fdw (or other FDW) foreign table
 * @param bound         the leaf's own bound, as printed
 * @param depth         1 for a direct partition, more under sub-partitioning
 * @param server        foreign server name, or null
 * @param serverOptions the server's options ({@code host}, {@code port}, {@code dbname}…), empty when local
 * @param tableOptions  the foreign table's options ({@code schema_name}, {@code table_name}), empty when local
 * @param local         the figures read on the coordinator, for a local leaf; null for a foreign one
 */
public record PartitionRow(String rootSchema, String rootName, String keyDef, String keyColumn, String topName,
                           String topBound, String schema, String name, boolean foreign, String bound, int depth,
                           String server, Map<String, String> serverOptions, Map<String, String> tableOptions,
                           TableFigures local) {

    /** {@code schema.name} of the top partitioned table. */
    public String rootQualified() {
        return rootSchema + "." + rootName;
    }

    /** {@code schema.name} of the leaf on the coordinator. */
    public String qualified() {
        return schema + "." + name;
    }
}
