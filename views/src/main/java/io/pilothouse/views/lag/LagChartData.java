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
 * buffers, decimates it to the plot's pixel width, scales it to a readable unit and hands chart-fx at most two
 * points per pixel column. FX thread only; allocates only when buffers grow or a replica appears.
 */
final class LagChartData {

    private final LagSeriesSource source;
    private final String cluster;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private long[] times = new long[0];
    private double[] values = new double[0];

    /** One replica's data set and its decimated points before scaling. */
    private static final class Series {
        final DoubleDataSet set;
        double[] x = new double[0];
        double[] y = new double[0];
        int n;

        Series(String name) {
            set = new DoubleDataSet(name, 0);
        }
    }

    LagChartData(LagSeriesSource source, String cluster) {
        this.source = source;
        this.cluster = cluster;
    }

    /** Data sets in member order; a new replica gets a new data set (the caller adds it to the renderer). */
    List<DoubleDataSet> dataSets() {
        for (String member : source.members(cluster)) {
            series.computeIfAbsent(member, Series::new);
        }
        List<DoubleDataSet> sets = new ArrayList<>(series.size());
        series.values().forEach(s -> sets.add(s.set));
        return sets;
    }

    /**
     * Refills every data set with the window {@code [from, to]} decimated to {@code columns}.
     *
     * @param expectedSamples upper bound of samples in the window (span at 1 Hz), to size the buffers
     * @return the y scale applied (chosen from the largest visible value, and {@code floor} if larger)
     */
    /**
     * True while chart-fx holds read locks on our data sets. It takes them in a layout pass and releases them after
     * the next pulse's layout; a layout outside a pulse (a window being shown, a snapshot) leaves them held into the
     * next frame, and writing then would wait forever on the FX thread's own lock (StampedLock is not reentrant).
     */
    /** The largest value (or the floor) of the last refresh, in the metric's raw unit. */
    double top() {
        return top;
    }

    private double top;

    boolean locked() {
        for (Series s : series.values()) {
            if (s.set.lock() instanceof io.fair_acc.dataset.locks.DefaultDataSetLock<?> l && l.getReaderCount() > 0) {
                return true;
            }
        }
        return false;
    }

    AxisScale refresh(LagMetric metric, long fromMillis, long toMillis, int columns, int expectedSamples,
                      double floor) {
        if (times.length < expectedSamples) {
            times = new long[expectedSamples];
            values = new double[expectedSamples];
        }
        double max = floor;
        for (Map.Entry<String, Series> e : series.entrySet()) {
            Series s = e.getValue();
            if (s.x.length < 2 * columns) {
                s.x = new double[2 * columns];
                s.y = new double[2 * columns];
            }
            int n = source.copy(cluster, e.getKey(), metric, fromMillis, toMillis, times, values);
            s.n = Decimator.minMax(times, values, n, fromMillis, toMillis, columns, s.x, s.y);
            for (int i = 0; i < s.n; i++) {
                max = Math.max(max, s.y[i]);
            }
        }
        top = max;
        AxisScale scale = AxisScale.of(metric.unit(), max);
        for (Series s : series.values()) {
            if (scale.divisor() != 1) {
                for (int i = 0; i < s.n; i++) {
                    s.y[i] /= scale.divisor();
                }
            }
            // copy=true: chart-fx keeps its own arrays, so ours are reused on the next frame.
            s.set.set(s.x, s.y, s.n, true);
        }
        return scale;
    }
}
