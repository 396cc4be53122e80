package io.pilothouse.bench;

import java.util.Arrays;
import java.util.List;

/** p50/p95 (and the median) of a list of milliseconds. */
final class Percentiles {

    private final double[] sorted;

    Percentiles(List<Double> values) {
        sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    double p(double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** The median (the mean of the middle two for an even count), NaN when empty. */
    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    int count() {
        return sorted.length;
    }

    String describe() {
        return String.format("n=%d p50=%.2f ms p95=%.2f ms max=%.2f ms", count(), p(0.5), p(0.95),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    }

    @Override
    public String toString() {
        return Arrays.toString(sorted);
    }
}
