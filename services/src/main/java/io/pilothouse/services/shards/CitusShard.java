package io.pilothouse.services.shards;

import java.util.List;

/**
 * One shard of a Citus table and where its placements live.
 *
 * @param shardId    shardid
 * @param shardName  the physical table on the workers, e.g. {@code orders_102008}
 * @param minValue   pg_dist_shard.shardminvalue as text (hash token for hash-distributed tables), or null
 * @param maxValue   pg_dist_shard.shardmaxvalue as text, or null
 * @param placements one per copy; a reference table's shard has one on every node
 */
public record CitusShard(long shardId, String shardName, String minValue, String maxValue,
                         List<Placement> placements) {

    public CitusShard {
        placements = List.copyOf(placements);
    }

    /**
     * One copy of a shard on a node, as {@code citus_shards} reports it.
     *
     * @param nodeName  nodename
     * @param nodePort  nodeport
     * @param sizeBytes shard_size in bytes, or -1 when Citus could not measure it
     */
    public record Placement(String nodeName, int nodePort, long sizeBytes) {
    }

    /**
     * True when this shard covers a hash-token range: hash-distributed tables store integer tokens in
     * shardminvalue/shardmaxvalue; reference and local tables store NULL, append/range tables column values.
     */
    public boolean hasHashRange() {
        return isInt(minValue) && isInt(maxValue);
    }

    /** Total bytes over all placements that were measured. */
    public long sizeBytes() {
        return placements.stream().mapToLong(Placement::sizeBytes).filter(s -> s > 0).sum();
    }

    private static boolean isInt(String s) {
        if (s == null) {
            return false;
        }
        try {
            Integer.parseInt(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
