package io.pilothouse.views.format;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats durations and times compactly: {@code 0.4 s}, {@code 12 s}, {@code 3 min 4 s}, {@code 2 h 5 min}. */
public final class DurationFormat {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private DurationFormat() {
    }

    /** A replication delay in seconds; tenths below 10 s because sub-second lag is the normal case. */
    public static String seconds(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            seconds = 0;
        }
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        return age(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** An elapsed time in whole units, two at most: {@code 12 s}, {@code 3 min 4 s}, {@code 1 d 2 h}. */
    public static String age(Duration d) {
        long s = Math.max(0, d.toMillis() / 1000);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return pair(s / 60, "min", s % 60, "s");
        }
        if (s < 86_400) {
            return pair(s / 3600, "h", (s % 3600) / 60, "min");
        }
        return pair(s / 86_400, "d", (s % 86_400) / 3600, "h");
    }

    /** Time elapsed from {@code then} to {@code now}, as {@link #age(Duration)}. */
    public static String age(Instant then, Instant now) {
        return age(Duration.between(then, now));
    }

    /** {@code "12 s ago"}; {@code "never"} when {@code then} is null. */
    public static String ago(Instant then, Instant now) {
        return then == null ? "never" : age(then, now) + " ago";
    }

    /** Wall-clock time of day in the given zone, {@code HH:mm:ss}. */
    public static String clock(Instant t, ZoneId zone) {
        return CLOCK.format(t.atZone(zone));
    }

    private static String pair(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + " " + majorUnit : major + " " + majorUnit + " " + minor + " " + minorUnit;
    }
}
