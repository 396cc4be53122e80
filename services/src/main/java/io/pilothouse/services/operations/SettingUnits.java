package io.pilothouse.services.operations;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's units of memory and time, as {@code pg_settings} and {@code postgresql.conf} write them: a value such
 * as {@code 1GB} or {@code 5min} converted to a setting's own unit ({@code 8kB}, {@code ms}) to compare it with
 * {@code min_val}/{@code max_val}, and a setting shown back the way a DBA writes it.
 */
final class SettingUnits {

    /** Bytes per memory unit (PostgreSQL's are powers of 1024; the names are case-sensitive). */
    static final Map<String, Double> MEMORY = Map.of("B", 1d, "kB", 1024d, "MB", 1024d * 1024, "GB",
            1024d * 1024 * 1024, "TB", 1024d * 1024 * 1024 * 1024);
    /** Milliseconds per time unit. */
    static final Map<String, Double> TIME = Map.of("us", 0.001, "ms", 1d, "s", 1000d, "min", 60_000d, "h",
            3_600_000d, "d", 86_400_000d);

    private static final Pattern VALUE = Pattern.compile("^\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)"
            + "\\s*([a-zA-Z]*)\\s*$");
    private static final Pattern UNIT = Pattern.compile("^(\\d*)([a-zA-Z]+)$");

    private SettingUnits() {
    }

    /**
     * {@code text} in the setting's unit {@code unit}.
     *
     * @throws IllegalArgumentException in words, when it is not a number, or its unit is unknown or of the wrong kind
     */
    static double inUnit(String text, String unit, String name) {
        Matcher m = VALUE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " takes a number" + (unit == null ? "" : " (in " + unit
                    + " unless you write a unit)") + ", not '" + text + "'");
        }
        double number = Double.parseDouble(m.group(1));
        String given = m.group(2);
        if (given.isEmpty()) {
            return number;
        }
        if (unit == null) {
            throw new IllegalArgumentException(name + " takes a plain number without a unit, not '" + text + "'");
        }
        Map<String, Double> family = family(unit);
        Double factor = family == null ? null : family.get(given);
        if (factor == null) {
            throw new IllegalArgumentException("'" + given + "' is not a unit of " + name + "; write it in "
                    + (family == MEMORY ? "B, kB, MB, GB or TB" : family == TIME ? "us, ms, s, min, h or d"
                    : unit) + " (PostgreSQL's units are case-sensitive)");
        }
        return number * factor / base(unit);
    }

    /** A setting as a DBA writes it: {@code 16384} of {@code 8kB} is {@code 128MB}. */
    static String readable(String setting, String unit) {
        if (setting == null || unit == null) {
            return setting;
        }
        Map<String, Double> family = family(unit);
        double value;
        try {
            value = Double.parseDouble(setting);
        } catch (NumberFormatException e) {
            return setting + unit;
        }
        if (family == null || value < 0 || value != Math.rint(value)) {
            return setting + (value < 0 ? "" : unit);
        }
        double total = value * base(unit);
        String best = null;
        double bestFactor = 0;
        for (Map.Entry<String, Double> e : family.entrySet()) {
            double f = e.getValue();
            if (f >= 1 && f > bestFactor && total % f == 0 && total / f >= 1) {
                best = e.getKey();
                bestFactor = f;
            }
        }
        if (best == null || total == 0) {
            return setting + unit;
        }
        return String.format(Locale.ROOT, "%d%s", (long) (total / bestFactor), best);
    }

    private static Map<String, Double> family(String unit) {
        Matcher m = UNIT.matcher(unit);
        if (!m.matches()) {
            return null;
        }
        return MEMORY.containsKey(m.group(2)) ? MEMORY : TIME.containsKey(m.group(2)) ? TIME : null;
    }

    /** Bytes or milliseconds of one {@code unit} ({@code 8kB} is 8192 bytes). */
    private static double base(String unit) {
        Matcher m = UNIT.matcher(unit);
        if (!m.matches()) {
            return 1;
        }
        Map<String, Double> family = family(unit);
        double per = family == null ? 1 : family.get(m.group(2));
        return (m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1))) * per;
    }
}
