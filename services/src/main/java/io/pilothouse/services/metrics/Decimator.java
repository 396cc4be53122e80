package io.pilothouse.services.metrics;

/**
 * Reduces a time series to what a chart {@code columns} pixels wide can show: per pixel column, the minimum and
 * the maximum sample, in time order. Every extreme survives (a one-second spike in a day stays visible) and the
 * output has at most {@code 2 × columns} points, so 24 h at 1 Hz draws as fast as 5 minutes.
 *
 * <p>NaN values (no reading) are skipped. Output x values are epoch <em>seconds</em> as doubles, the unit
 * chart-fx time axes use. Allocation-free: the caller owns every array.
 */
public final class Decimator {

    private Decimator() {
    }

    /**
     * Decimates samples {@code [0, n)} whose times fall in {@code [fromMillis, toMillis]}.
     *
     * @param times   epoch milliseconds, ascending
     * @param values  values
     * @param n       number of samples to read
     * @param columns pixel columns (at least 1)
     * @param xOut    receives epoch seconds; needs at least {@code 2 × columns} room
     * @param yOut    receives values; same room
     * @return number of points written
     */
    public static int minMax(long[] times, double[] values, int n, long fromMillis, long toMillis, int columns,
                             double[] xOut, double[] yOut) {
        if (columns < 1 || toMillis <= fromMillis) {
            return 0;
        }
        int room = Math.min(xOut.length, yOut.length);
        if (room < 2 * columns) {
            throw new IllegalArgumentException("output needs room for " + 2 * columns + " points, has " + room);
        }
        double span = (double) (toMillis - fromMillis);
        int out = 0;
        int col = -1;
        int minI = -1;
        int maxI = -1;
        for (int i = 0; i < n; i++) {
            long t = times[i];
            double v = values[i];
            if (t < fromMillis || t > toMillis || Double.isNaN(v)) {
                continue;
            }
            int c = (int) Math.min(columns - 1, (long) ((t - fromMillis) / span * columns));
            if (c != col) {
                out = flush(times, values, minI, maxI, xOut, yOut, out);
                col = c;
                minI = i;
                maxI = i;
            } else {
                if (v < values[minI]) {
                    minI = i;
                }
                if (v > values[maxI]) {
                    maxI = i;
                }
            }
        }
        return flush(times, values, minI, maxI, xOut, yOut, out);
    }

    private static int flush(long[] times, double[] values, int minI, int maxI, double[] xOut, double[] yOut,
                             int out) {
        if (minI < 0) {
            return out;
        }
        int first = Math.min(minI, maxI);
        int second = Math.max(minI, maxI);
        xOut[out] = times[first] / 1000.0;
        yOut[out++] = values[first];
        if (second != first) {
            xOut[out] = times[second] / 1000.0;
            yOut[out++] = values[second];
        }
        return out;
    }
}
