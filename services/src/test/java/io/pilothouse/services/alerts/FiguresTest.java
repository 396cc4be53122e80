package io.pilothouse.services.alerts;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class FiguresTest {

    /** What Figures.bytes printed before it stopped using a Formatter. */
    private static String formatted(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    @Test
    void printsSizesExactlyAsTheFormatterDid() {
        assertThat(Figures.bytes(1023)).isEqualTo("1023 B");
        assertThat(Figures.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(Figures.bytes(9 * 1024 * 1024)).isEqualTo("9.0 MiB");
        assertThat(Figures.bytes(150L * 1024 * 1024 * 1024)).isEqualTo("150 GiB");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long n = random.nextLong(1, 1L << (10 + random.nextInt(40)));
            assertThat(Figures.bytes(n)).as("%d bytes", n).isEqualTo(formatted(n));
        }
        // Ties and near-ties of the first decimal in every unit.
        for (long unit = 1024; unit <= 1L << 40; unit *= 1024) {
            for (int tenths = 0; tenths < 1_000; tenths++) {
                for (long delta = -2; delta <= 2; delta++) {
                    long n = Math.max(1024, unit * tenths / 10 + unit / 20 + delta);
                    assertThat(Figures.bytes(n)).as("%d bytes", n).isEqualTo(formatted(n));
                }
            }
        }
    }
}
