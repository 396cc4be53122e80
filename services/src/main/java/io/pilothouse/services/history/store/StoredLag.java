package io.pilothouse.services.history.store;

/**
 * One stored second (or 10 s bucket) of one member's lag.
 *
 * @param epochSecond the second
 * @param cluster     the cluster id as {@link io.pilothouse.services.metrics.LagHistory#clusterId} writes it
 * @param member      the member
 * @param values      by {@link io.pilothouse.services.metrics.LagMetric} ordinal; NaN when not measured
 */
public record StoredLag(long epochSecond, String cluster, String member, double[] values) {
}
