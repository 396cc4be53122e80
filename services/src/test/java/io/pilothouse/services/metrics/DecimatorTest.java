package io.pilothouse.services.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DecimatorTest {

    @Test
    void reducesADayToAtMostTwoPointsPerColumnAndKeepsEveryExtreme() {
        int n = 86_400;
        long[] t = new long[n];
        double[] v = new double[n];
        Random rnd = new Random(42);
        for (int i = 0; i < n; i++) {
            t[i] = 1_000L * i;
            v[i] = rnd.nextDouble() * 100;
        }
        v[12_345] = 10_000;  // a one-second spike
        v[70_001] = -5;      // a one-second dip
        int columns = 800;
        double[] x = new double[2 * columns];
        double[] y = new double[2 * columns];

        int out = Decimator.minMax(t, v, n, 0, t[n - 1], columns, x, y);

        assertThat(out).isLessThanOrEqualTo(2 * columns).isGreaterThan(columns);
        double[] ys = Arrays.copyOf(y, out);
        assertThat(Arrays.stream(ys).max().orElseThrow()).isEqualTo(10_000);
        assertThat(Arrays.stream(ys).min().orElseThrow()).isEqualTo(-5);
        for (int i = 1; i < out; i++) {
            assertThat(x[i]).isGreaterThan(x[i - 1]);
        }
    }

    @Test
    void eachColumnKeepsItsOwnMinimumAndMaximum() {
        // 4 columns over 0..8 s, samples every second
        long[] t = {0, 1000, 2000, 3000, 4000, 5000, 6000, 7000};
        double[] v = {5, 1, 9, 3, 2, 2, 7, 8};
        double[] x = new double[8];
        double[] y = new double[8];

        int out = Decimator.minMax(t, v, t.length, 0, 8000, 4, x, y);

        // a column whose samples are equal gives one point, not two
        assertThat(Arrays.copyOf(y, out)).containsExactly(5, 1, 9, 3, 2, 7, 8);
        out = Decimator.minMax(t, v, t.length, 0, 8000, 2, x, y);
        // columns [0,4s): min 1 @1s, max 9 @2s; [4s,8s): min 2 @4s, max 8 @7s — in time order
        assertThat(Arrays.copyOf(y, out)).containsExactly(1, 9, 2, 8);
        assertThat(Arrays.copyOf(x, out)).containsExactly(1, 2, 4, 7);
    }

    @Test
    void skipsNaNAndSamplesOutsideTheRange() {
        long[] t = {0, 1000, 2000, 3000};
        double[] v = {1, Double.NaN, 3, 4};
        double[] x = new double[4];
        double[] y = new double[4];

        int out = Decimator.minMax(t, v, 4, 500, 2500, 2, x, y);

        assertThat(Arrays.copyOf(y, out)).containsExactly(3);
    }
}
