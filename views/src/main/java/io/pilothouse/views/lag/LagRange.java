package io.pilothouse.views.lag;

import java.time.Duration;

/** Time spans the lag chart offers. */
public enum LagRange {
    /** The last five minutes: second-by-second detail. */
    FIVE_MINUTES("5 min", Duration.ofMinutes(5)),
    /** The last hour. */
    ONE_HOUR("1 h", Duration.ofHours(1)),
    /** The last day, everything a series holds at 1 Hz. */
    ONE_DAY("24 h", Duration.ofHours(24));

    private final String label;
    private final Duration span;

    LagRange(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    /** Button text. */
    public String label() {
        return label;
    }

    /** Width of the window. */
    public Duration span() {
        return span;
    }
}
