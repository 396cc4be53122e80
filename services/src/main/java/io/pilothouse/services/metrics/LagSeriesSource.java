package io.pilothouse.services.metrics;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a lag chart reads: snapshots of recorded series, safe from any thread (the FX thread included), never
 * blocking on I/O. A view polls {@link #version()} once per frame and copies data only when it changed.
 */
public interface LagSeriesSource {

    /** Grows whenever anything recorded changes; cheap to call every frame. */
    long version();

    /** Replicas of a cluster that have at least one recorded series, sorted by name. */
    List<String> members(String cluster);

    /**
     * Copies one series' samples with {@code from <= time <= to} into the caller's arrays, oldest first (the
     * newest kept if more match than fit).
     *
     * @return samples copied; 0 if the series does not exist
     */
    int copy(String cluster, String member, LagMetric metric, long fromMillis, long toMillis,
             long[] timesOut, double[] valuesOut);

    /** Times (epoch ms, ascending) at which the cluster's leader changed, within the range. */
    long[] leaderChanges(String cluster, long fromMillis, long toMillis);

    /** The cluster's {@code maximum_lag_on_failover} in bytes, when known. */
    OptionalLong maximumLagOnFailover(String cluster);

    /** Time of the newest sample of the cluster (any series), or empty when nothing was recorded. */
    OptionalLong latestTime(String cluster);

    /** How the replica's replay stood on the last sample. */
    ReplayState replayState(String cluster, String member);
}
