package io.pilothouse.views.activity;

import io.pilothouse.views.format.ByteSizeFormat;
import io.pilothouse.views.format.DurationFormat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/** The activity window's figures in words, in the app's one time and unit vocabulary. */
final class ActivityFormat {

    private ActivityFormat() {
    }

    /** Local wall-clock time of {@code t}. */
    static String time(Instant t) {
        return DurationFormat.clock(t, ZoneId.systemDefault());
    }

    /** An age in seconds, or "—" when there is none. */
    static String age(Double seconds) {
        return seconds == null ? "—" : DurationFormat.seconds(seconds);
    }

    /** Transactions per second. */
    static String perSecond(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, v < 10 ? "%.1f/s" : "%.0f/s", v);
    }

    /** Bytes per second. */
    static String bytesPerSecond(Double v) {
        return v == null ? "—" : ByteSizeFormat.format(Math.round(v)) + "/s";
    }
}
