package io.pilothouse.views.lag;

import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.views.format.ByteSizeFormat;
import io.pilothouse.views.format.DurationFormat;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Tick label formats: byte sizes or durations on the y axis, local clock time on the x axis. */
final class LagAxisFormats {

    private LagAxisFormats() {
    }

    /** Y labels for a metric's unit. */
    static StringConverter<Number> values(LagMetric.Unit unit) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                if (n == null) {
                    return "";
                }
                return unit == LagMetric.Unit.BYTES ? ByteSizeFormat.format(Math.round(n.doubleValue()))
                        : DurationFormat.seconds(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** X labels: epoch seconds as local time; with seconds when the window is short. */
    static StringConverter<Number> time(ZoneId zone, boolean withSeconds) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(withSeconds ? "HH:mm:ss" : "HH:mm").withZone(zone);
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n == null ? "" : f.format(Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000)));
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
