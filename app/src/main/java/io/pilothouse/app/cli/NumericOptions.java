package io.pilothouse.app.cli;

import io.pilothouse.services.sandbox.estate.EstatePlan;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one place numeric command-line options are parsed and range-checked. Every numeric option of every subcommand
 * names one of these converters ({@code converter = NumericOptions.Positive.class}); a test walks the command tree
 * and fails when one does not. A bad value is a usage error (exit 2) said before anything is read from the network:
 * "--timeout -1" never becomes a wait of minus one second.
 */
public final class NumericOptions {

    private NumericOptions() {
    }

    /** A whole number of at least 1 (a timeout, a count of members, a rate). */
    public static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) range(value, 1, Integer.MAX_VALUE, "a whole number of at least 1");
        }
    }

    /** A TCP port, 1..65535. */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) range(value, 1, 65535, "a port from 1 to 65535");
        }
    }

    /** A whole number of at least 0 (0 meaning none, or "until stopped" where the option says so). */
    public static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) range(value, 0, Integer.MAX_VALUE, "a whole number of at least 0");
        }
    }

    /** A large whole number of at least 0 (rows). */
    public static final class NonNegativeLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return range(value, 0, Long.MAX_VALUE, "a whole number of at least 0");
        }
    }

    /** Any whole number that fits 64 bits (a random seed). */
    public static final class AnyLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return range(value, Long.MIN_VALUE, Long.MAX_VALUE, "a whole number");
        }
    }

    /** A number of seconds of at least 0, fractions allowed; at most a day. */
    public static final class NonNegativeSeconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of seconds; give e.g. 1 or 0.5");
            }
            if (!Double.isFinite(d) || d < 0 || d > 86_400) {
                throw new TypeConversionException("'" + value + "' is out of range; give seconds from 0 to 86400");
            }
            return d;
        }
    }

    /** Parses {@code value} as a whole number in {@code [min, max]}; the message says what was expected. */
    static long range(String value, long min, long max, String expected) {
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not " + expected);
        }
        if (v < min || v > max) {
            throw new TypeConversionException("'" + value + "' is out of range; give " + expected
                    + (max < Long.MAX_VALUE && max != Integer.MAX_VALUE ? " and at most " + max : ""));
        }
        return v;
    }

    /** Changes per second for {@code sandbox estate}: 0 (none) up to the simulator's most, fractions allowed. */
    public static final class EstateRate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double d = Double.parseDouble(value.trim());
                if (Double.isFinite(d) && d >= 0 && d <= EstatePlan.MAX_RATE) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new TypeConversionException("'" + value + "' is not a rate; give changes per second from 0 to "
                    + (int) EstatePlan.MAX_RATE + ", e.g. 10 or 0.5");
        }
    }
}
