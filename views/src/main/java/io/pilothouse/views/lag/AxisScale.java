package io.pilothouse.views.lag;

import io.pilothouse.services.metrics.LagMetric;

/**
 * The unit the y axis counts in, picked from the largest visible value, so ticks fall on round numbers of a
 * readable unit (5 MiB, 10 MiB; 30 s, 1 min) instead of odd byte counts.
 *
 * @param divisor raw value / divisor = axis value
 * @param suffix  unit label
 */
record AxisScale(double divisor, String suffix) {

    static AxisScale of(LagMetric.Unit unit, double max) {
        if (unit == LagMetric.Unit.BYTES) {
            if (max >= 1L << 30) {
                return new AxisScale(1L << 30, "GiB");
            }
            if (max >= 1L << 20) {
                return new AxisScale(1L << 20, "MiB");
            }
            if (max >= 1L << 10) {
                return new AxisScale(1L << 10, "KiB");
            }
            return new AxisScale(1, "B");
        }
        if (max >= 7_200) {
            return new AxisScale(3_600, "h");
        }
        if (max >= 300) {
            return new AxisScale(60, "min");
        }
        return new AxisScale(1, "s");
    }
}
