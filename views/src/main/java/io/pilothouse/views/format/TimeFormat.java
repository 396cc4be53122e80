package io.pilothouse.views.format;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one way a point in time is shown: absolute, then how long ago — {@code 12:01:03 (14 s ago)} today,
 * {@code 2026-11-20 23:10:00 (11 h 2 min ago)} on another day, {@code 12:01:03 (in 2 min)} in the future. Ages use
 * {@link #ago(Instant, Instant)}: tenths below 10 s ({@code 0.3 s ago}), then {@link DurationFormat#age(Duration)}.
 */
public final class TimeFormat {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
            Locale.ROOT);

    private TimeFormat() {
    }

    /** {@code 12:01:03 (14 s ago)}; with the date when {@code t} is not on {@code now}'s day; "never" for null. */
    public static String at(Instant t, Instant now, ZoneId zone) {
        if (t == null) {
            return "never";
        }
        return absolute(t, now, zone) + " (" + relative(t, now) + ")";
    }

    /** The absolute part alone: {@code 12:01:03} today, {@code 2026-11-20 23:10:00} on another day. */
    public static String absolute(Instant t, Instant now, ZoneId zone) {
        LocalDate day = t.atZone(zone).toLocalDate();
        boolean today = now != null && day.equals(now.atZone(zone).toLocalDate());
        return (today ? CLOCK : DATE_CLOCK).format(t.atZone(zone));
    }

    /** {@code 0.3 s ago}, {@code 14 s ago}, {@code 3 min 4 s ago}, or {@code in 2 min} for a time to come. */
    public static String relative(Instant t, Instant now) {
        Duration d = Duration.between(t, now);
        if (d.isNegative()) {
            return "in " + DurationFormat.age(d.negated());
        }
        return ago(t, now);
    }

    /** {@code 0.3 s ago} below 10 s (a live feed is sub-second), else {@code 14 s ago}; "never" for null. */
    public static String ago(Instant t, Instant now) {
        if (t == null) {
            return "never";
        }
        Duration d = Duration.between(t, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toMillis() < 10_000) {
            return DurationFormat.seconds(d.toMillis() / 1000.0) + " ago";
        }
        return DurationFormat.age(d) + " ago";
    }
}
