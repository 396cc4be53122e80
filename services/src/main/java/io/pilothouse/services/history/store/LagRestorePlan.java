package io.pilothouse.services.history.store;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How coarsely the lag older than the recent past is restored: the smallest bucket (10 s, as retention folds, or
 * coarser) that keeps the older part within {@link #OLDER_ROW_BUDGET} rows, read in chunks of whole buckets so
 * SQLite's grouping stays small.
 *
 * @param olderFrom     first second of the older part, on a bucket boundary
 * @param bucketSeconds width of a folded bucket
 * @param chunkSeconds  seconds read per query (a whole number of buckets)
 */
record LagRestorePlan(long olderFrom, long bucketSeconds, long chunkSeconds) {

    /** Stored rows the part older than the last hour may read at most (SQLite folds ~1.5 million a second). */
    static final long OLDER_SCAN_BUDGET = 2_000_000;
    /** Rows the older (folded) part may restore at most. */
    static final long OLDER_ROW_BUDGET = 100_000;
    /** Bucket widths tried, finest first. */
    static final long[] BUCKETS = {10, 30, 60, 120, 300, 600, 1800, 3600};
    /** Rows grouped per query at most, about (series × chunk seconds); keeps SQLite's temporary b-tree small. */
    static final long ROWS_PER_CHUNK = 200_000;

    private static final String WORST = IntStream.range(0, HistorySchema.METRICS).mapToObj(i -> "MAX(m" + i + ")")
            .collect(Collectors.joining(", "));
    private static final String COLUMNS = IntStream.range(0, HistorySchema.METRICS).mapToObj(i -> "m" + i)
            .collect(Collectors.joining(", "));

    /** Buckets of ?1 seconds in [?2, ?3): the bucket's first second, the series, each metric's worst value. */
    static final String SELECT_FOLDED = "SELECT (t / ?1) * ?1 AS b, series, " + WORST
            + " FROM lag WHERE t >= ?2 AND t < ?3 GROUP BY b, series ORDER BY b";
    /** Every row of [?, ?] at the resolution stored. */
    static final String SELECT_RECENT = "SELECT t, series, " + COLUMNS + " FROM lag WHERE t >= ? AND t <= ? ORDER BY t";

    /** The plan for {@code series} series over [{@code from}, {@code recentFrom}) in at most {@code budget} rows. */
    static LagRestorePlan of(int series, long from, long recentFrom, long budget) {
        long seconds = Math.max(0, recentFrom - from);
        long bucket = BUCKETS[BUCKETS.length - 1];
        for (long b : BUCKETS) {
            if ((long) series * (seconds / b + 1) <= budget) {
                bucket = b;
                break;
            }
        }
        long perChunk = Math.max(1, ROWS_PER_CHUNK / Math.max(1, series) / bucket);
        return new LagRestorePlan(Math.floorDiv(from, bucket) * bucket, bucket, perChunk * bucket);
    }
}
