package io.pilothouse.services.metrics;

/**
 * One lag value of one replica at one moment.
 *
 * @param cluster    cluster id ({@link LagHistory#clusterId})
 * @param member     replica name
 * @param metric     which figure
 * @param timeMillis sample time, epoch milliseconds
 * @param value      the value in the metric's unit; NaN when the server reported nothing
 */
public record LagSample(String cluster, String member, LagMetric metric, long timeMillis, double value) {
}
