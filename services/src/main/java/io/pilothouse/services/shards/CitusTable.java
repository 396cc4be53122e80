package io.pilothouse.services.shards;

import java.util.List;

/**
 * A Citus-managed table and its shards.
 *
 * @param name         the table (as {@code regclass} text, schema-qualified when not on the search path)
 * @param tableType    citus_table_type: {@code distributed}, {@code reference} or {@code local}
 * @param colocationId colocation_id: tables with the same id have co-located shards, or null
 * @param shards       ordered by hash range (then shard id)
 */
public record CitusTable(String name, String tableType, Integer colocationId, List<CitusShard> shards) {

    public CitusTable {
        shards = List.copyOf(shards);
    }

    /** Bytes over all shards and placements. */
    public long sizeBytes() {
        return shards.stream().mapToLong(CitusShard::sizeBytes).sum();
    }
}
