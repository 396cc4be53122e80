package io.pilothouse.views.lag;

import io.fair_acc.dataset.spi.DoubleDataSet;
import io.pilothouse.services.metrics.Decimator;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.metrics.LagSeriesSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns source snapshots into chart-fx data sets: copies a window of each replica's series into reused primitive
 * buffers, decimates it to the plot's pixel width, and hands chart-fx at most two points per pixel column.
 * FX thread only; allocation happens only when buffers must grow or a replica appears.
 */
final class LagChartData {

    private final LagSeriesSource source;
    private final String cluster;
    private final Map<String, DoubleDataSet> sets = new LinkedHashMap<>();
    private long[] times = new long[0];
    private double[] values = new double[0];
    private double[] x = new double[0];
    private double[] y = new double[0];

    LagChartData(LagSeriesSource source, String cluster) {
        this.source = source;
        this.cluster = cluster;
    }

    /** Data sets in member order; new members get a new data set (the caller adds it to the chart). */
    List<DoubleDataSet> dataSets() {
        for (String member : source.members(cluster)) {
            sets.computeIfAbsent(member, m -> new DoubleDataSet(m, 0));
        }
        return new ArrayList<>(sets.values());
    }

    /**
     * Refills every data set with the window {@code [from, to]} decimated to {@code columns}.
     *
     * @param expectedSamples upper bound of samples in the window (span at 1 Hz), to size the buffers
     */
    void refresh(LagMetric metric, long fromMillis, long toMillis, int columns, int expectedSamples) {
        ensure(expectedSamples, columns);
        for (Map.Entry<String, DoubleDataSet> e : sets.entrySet()) {
            int n = source.copy(cluster, e.getKey(), metric, fromMillis, toMillis, times, values);
            int out = Decimator.minMax(times, values, n, fromMillis, toMillis, columns, x, y);
            // copy=true: chart-fx keeps its own arrays, so ours can be reused on the next frame.
            e.getValue().set(x, y, out, true);
        }
    }

    private void ensure(int samples, int columns) {
        if (times.length < samples) {
            times = new long[samples];
            values = new double[samples];
        }
        if (x.length < 2 * columns) {
            x = new double[2 * columns];
            y = new double[2 * columns];
        }
    }
}
