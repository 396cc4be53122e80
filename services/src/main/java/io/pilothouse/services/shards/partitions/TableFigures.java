package io.pilothouse.services.shards.partitions;

/**
 * What a node says of one of its tables.
 *
 * @param bytes  {@code pg_total_relation_size}: table, indexes and TOAST
 * @param rows   {@code reltuples}, or the live tuple count when the table was never analysed
 * @param writes cumulative inserted + updated + deleted rows ({@code pg_stat_user_tables})
 */
public record TableFigures(long bytes, long rows, long writes) {

    /** {@code reltuples} when known (≥ 0), else {@code n_live_tup}. */
    static long rows(double reltuples, long liveTuples) {
        return reltuples >= 0 ? Math.round(reltuples) : liveTuples;
    }
}
