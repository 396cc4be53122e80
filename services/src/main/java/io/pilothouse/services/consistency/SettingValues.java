package io.pilothouse.services.consistency;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a value of Patroni's dynamic configuration ({@code wal_keep_size: 128MB}) with the value PostgreSQL has in
 * effect ({@code pg_settings.setting = 128}, {@code unit = MB}): sizes in bytes, times in microseconds, booleans as
 * on/off, numbers as numbers, the rest as text without quotes and case.
 */
public final class SettingValues {

    private static final Map<String, BigDecimal> BYTES = Map.of(
            "b", BigDecimal.ONE, "kb", BigDecimal.valueOf(1024L), "mb", BigDecimal.valueOf(1024L * 1024),
            "gb", BigDecimal.valueOf(1024L * 1024 * 1024), "tb", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024));
    private static final Map<String, BigDecimal> MICROS = Map.of(
            "us", BigDecimal.ONE, "ms", BigDecimal.valueOf(1000L), "s", BigDecimal.valueOf(1_000_000L),
            "min", BigDecimal.valueOf(60_000_000L), "h", BigDecimal.valueOf(3_600_000_000L),
            "d", BigDecimal.valueOf(86_400_000_000L));
    /** A number with an optional unit: {@code 128MB}, {@code 1.5s}, {@code 16 kB}. */
    private static final Pattern QUANTITY = Pattern.compile("([+-]?[0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)");
    /** A unit with a multiplier, as pg_settings writes it: {@code 8kB}, {@code 16MB}. */
    private static final Pattern UNIT = Pattern.compile("([0-9]*)([A-Za-z]+)");

    private SettingValues() {
    }

    /** True when {@code configured} (as written in the dynamic configuration) is what {@code actual} has in effect. */
    public static boolean same(String configured, NodeSetting actual) {
        if (configured == null || actual.setting() == null) {
            return configured == actual.setting();
        }
        String want = unquote(configured);
        String have = unquote(actual.setting());
        if (actual.unit() != null && !actual.unit().isBlank()) {
            Optional<BigDecimal> a = inBase(have, actual.unit(), actual.unit());
            Optional<BigDecimal> b = inBase(want, actual.unit(), actual.unit());
            if (a.isPresent() && b.isPresent()) {
                return a.get().compareTo(b.get()) == 0;
            }
        }
        Optional<Boolean> ba = bool(have);
        Optional<Boolean> bb = bool(want);
        if (ba.isPresent() && bb.isPresent()) {
            return ba.get().equals(bb.get());
        }
        try {
            return new BigDecimal(have).compareTo(new BigDecimal(want)) == 0;
        } catch (NumberFormatException e) {
            return have.equalsIgnoreCase(want);
        }
    }

    /** The value in effect as a person writes it: {@code 128MB}, {@code 16384 × 8kB}, {@code on}. */
    public static String display(NodeSetting s) {
        if (s.unit() == null || s.unit().isBlank()) {
            return s.setting();
        }
        return Character.isDigit(s.unit().charAt(0)) ? s.setting() + " × " + s.unit() : s.setting() + s.unit();
    }

    /** {@code value} (a number with an optional unit; none means {@code defaultUnit}) in bytes or microseconds. */
    private static Optional<BigDecimal> inBase(String value, String defaultUnit, String family) {
        Matcher q = QUANTITY.matcher(value.trim());
        if (!q.matches()) {
            return Optional.empty();
        }
        String unit = q.group(2).isEmpty() ? defaultUnit : q.group(2);
        Optional<BigDecimal> factor = factor(unit);
        Optional<BigDecimal> familyFactor = factor(family);
        if (factor.isEmpty() || familyFactor.isEmpty() || sizeUnit(unit) != sizeUnit(family)) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(q.group(1)).multiply(factor.get()));
    }

    private static boolean sizeUnit(String unit) {
        Matcher u = UNIT.matcher(unit);
        return u.matches() && BYTES.containsKey(u.group(2).toLowerCase(Locale.ROOT));
    }

    private static Optional<BigDecimal> factor(String unit) {
        Matcher u = UNIT.matcher(unit.trim());
        if (!u.matches()) {
            return Optional.empty();
        }
        BigDecimal multiplier = u.group(1).isEmpty() ? BigDecimal.ONE : new BigDecimal(u.group(1));
        String base = u.group(2);
        BigDecimal f = BYTES.get(base.toLowerCase(Locale.ROOT));
        if (f == null || base.equals("min") || base.equals("ms") || base.equals("s")) {
            f = MICROS.get(base);
        }
        return f == null ? Optional.empty() : Optional.of(multiplier.multiply(f));
    }

    private static Optional<Boolean> bool(String v) {
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1":
                return Optional.of(true);
            case "off", "false", "no", "0":
                return Optional.of(false);
            default:
                return Optional.empty();
        }
    }

    private static String unquote(String v) {
        String t = v.trim();
        if (t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""))) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }
}
