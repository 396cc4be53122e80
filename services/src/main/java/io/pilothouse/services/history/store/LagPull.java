package io.pilothouse.services.history.store;

import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.metrics.LagSeriesSource;
import io.pilothouse.services.model.ClusterSnapshot;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads what the lag sampler added to the in-memory lag history since the last pull and turns it into one record
 * per member and second. Pulling leaves the sampler untouched: the store can never slow it down.
 */
final class LagPull {

    private static final LagMetric[] METRICS = LagMetric.values();
    private static final int BUFFER = 256;

    private final LagSeriesSource source;
    private final Map<String, Long> pulledUntil = new HashMap<>();
    private final long[] times = new long[BUFFER];
    private final double[] values = new double[BUFFER];

    LagPull(LagSeriesSource source) {
        this.source = source;
    }

    /** Hands every sample newer than the last pull, up to {@code nowMillis}, to {@code out}. */
    void pull(Collection<ClusterSnapshot> clusters, long nowMillis, Consumer<HistoryRecord.Lag> out) {
        for (ClusterSnapshot c : clusters) {
            String cluster = LagHistory.clusterId(c);
            for (String member : source.members(cluster)) {
                String key = cluster + '\u0000' + member;
                long from = pulledUntil.getOrDefault(key, nowMillis - 2_000) + 1;
                TreeMap<Long, double[]> bySecond = new TreeMap<>();
                long newest = from - 1;
                for (LagMetric metric : METRICS) {
                    int n = source.copy(cluster, member, metric, from, nowMillis, times, values);
                    for (int i = 0; i < n; i++) {
                        double[] row = bySecond.computeIfAbsent(Math.floorDiv(times[i], 1000), s -> nan());
                        row[metric.ordinal()] = values[i];
                        newest = Math.max(newest, times[i]);
                    }
                }
                pulledUntil.put(key, newest);
                bySecond.forEach((second, row) -> out.accept(new HistoryRecord.Lag(second, cluster, member, row)));
            }
        }
    }

    private static double[] nan() {
        double[] row = new double[METRICS.length];
        Arrays.fill(row, Double.NaN);
        return row;
    }
}
