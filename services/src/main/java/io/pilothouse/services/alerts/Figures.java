package io.pilothouse.services.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/** Figures in alert messages: sizes in binary units, durations in s/min/h. */
final class Figures {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Figures() {
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        // As String.format("%.0f"/"%.1f") rounds (half up on the shortest decimal of the double), without its
        // Formatter: every evaluation formats each lagging member's figures, 10 MB a second at 500 clusters.
        return BigDecimal.valueOf(v).setScale(v >= 100 ? 0 : 1, RoundingMode.HALF_UP).toPlainString() + " " + UNITS[u];
    }

    static String seconds(double s) {
        if (s < 10) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        return duration(Duration.ofSeconds(Math.round(s)));
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h";
    }
}
