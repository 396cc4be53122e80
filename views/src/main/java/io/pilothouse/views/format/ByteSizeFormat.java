package io.pilothouse.views.format;

import java.util.Locale;

/** Formats byte counts in binary (IEC) units as DBAs read WAL distances: {@code 0 B}, {@code 12.3 MiB}. */
public final class ByteSizeFormat {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteSizeFormat() {
    }

    /** Whole bytes below 1 KiB, otherwise one decimal in the largest unit that keeps the number below 1024. */
    public static String format(long bytes) {
        if (bytes < 0) {
            // Negative distances only come from a clock or LSN race; show them rather than hide them.
            return "-" + format(bytes == Long.MIN_VALUE ? Long.MAX_VALUE : -bytes);
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.96 KiB would print as "1024.0 KiB": move up a unit instead.
        if (Math.round(value * 10) >= 10240 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
