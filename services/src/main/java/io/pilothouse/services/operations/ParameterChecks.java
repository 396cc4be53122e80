package io.pilothouse.services.operations;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks configuration changes against the leader's {@code pg_settings}: Patroni stores any
 * {@code postgresql.parameters} name and value without a word, and PostgreSQL then ignores an unknown name or refuses
 * to start on a bad value. Unknown names are refused with the nearest known one, values by type ({@code vartype}),
 * range ({@code min_val}/{@code max_val}, units converted), allowed values ({@code enumvals}), and parameters that
 * can never change ({@code internal}). A top-level key that is a PostgreSQL parameter (or a typo of one) is refused
 * with its full path.
 */
public final class ParameterChecks {

    private static final String PARAMETERS = "postgresql.parameters.";

    /** Top-level keys of Patroni's dynamic configuration (3.x and 4.x). */
    static final Set<String> PATRONI_KEYS = Set.of("ttl", "loop_wait", "retry_timeout", "maximum_lag_on_failover",
            "maximum_lag_on_syncnode", "max_timelines_history", "primary_start_timeout", "primary_stop_timeout",
            "master_start_timeout", "master_stop_timeout", "synchronous_mode", "synchronous_mode_strict",
            "synchronous_node_count", "check_timeline", "failsafe_mode", "pause", "postgresql", "standby_cluster",
            "slots", "ignore_slots", "member_slots_ttl", "use_slots");

    private static final Set<String> BOOLEANS = Set.of("on", "off", "true", "false", "yes", "no", "1", "0", "t",
            "f", "y", "n");

    private ParameterChecks() {
    }

    /** True when a change of {@code changes} needs {@code pg_settings} to be checked. */
    public static boolean needsCatalog(Map<String, JsonNode> changes) {
        return changes.keySet().stream().anyMatch(k -> k.startsWith(PARAMETERS) || !isPatroniKey(k));
    }

    /** What is wrong with {@code changes} (dotted key → value, null removes), in words; empty when nothing. */
    public static List<String> problems(Map<String, JsonNode> changes, PgSettingsCatalog catalog) {
        List<String> problems = new ArrayList<>();
        changes.forEach((key, value) -> {
            if (key.startsWith(PARAMETERS)) {
                parameter(key.substring(PARAMETERS.length()), value, catalog).ifPresent(problems::add);
            } else if (!isPatroniKey(key)) {
                topLevel(key, catalog).ifPresent(problems::add);
            }
        });
        return problems;
    }

    private static boolean isPatroniKey(String key) {
        return PATRONI_KEYS.contains(key.split("\\.", 2)[0]);
    }

    private static Optional<String> topLevel(String key, PgSettingsCatalog catalog) {
        String name = key.toLowerCase(Locale.ROOT);
        if (catalog.find(name).isPresent()) {
            return Optional.of(key + " is a PostgreSQL parameter, not a Patroni key; write "
                    + PARAMETERS + name + "=VALUE");
        }
        java.util.Set<String> known = new java.util.HashSet<>(PATRONI_KEYS);
        known.addAll(catalog.settings().keySet());
        return Nearest.of(name, known).map(n -> key + " is not a key of Patroni's configuration"
                + (PATRONI_KEYS.contains(n) ? "; did you mean " + n + "?"
                : " nor a PostgreSQL parameter; did you mean " + PARAMETERS + n + "?"));
    }

    private static Optional<String> parameter(String name, JsonNode value, PgSettingsCatalog catalog) {
        Optional<PgSetting> found = catalog.find(name);
        if (found.isEmpty()) {
            if (name.contains(".")) {
                return Optional.empty(); // a custom option (pg_stat_statements.track): PostgreSQL accepts any
            }
            return Optional.of(PARAMETERS + name + ": " + name + " is not a parameter of the leader "
                    + catalog.readFrom() + " (pg_settings)" + catalog.nearest(name).map(n -> "; did you mean " + n
                    + "?").orElse("; look the name up in pg_settings"));
        }
        PgSetting s = found.get();
        if (value == null || value.isNull()) {
            return Optional.empty(); // removed: PostgreSQL's own default applies again
        }
        if ("internal".equals(s.context())) {
            return Optional.of(PARAMETERS + name + " cannot be changed: it is fixed when PostgreSQL is built or "
                    + "initialised (context internal)");
        }
        String text = value.isBoolean() ? (value.asBoolean() ? "on" : "off") : value.asText().strip();
        try {
            return valueProblem(s, text).map(p -> PARAMETERS + name + "=" + text + ": " + p);
        } catch (IllegalArgumentException e) {
            return Optional.of(PARAMETERS + name + "=" + text + ": " + e.getMessage());
        }
    }

    private static Optional<String> valueProblem(PgSetting s, String text) {
        switch (s.vartype() == null ? "string" : s.vartype()) {
            case "bool":
                return BOOLEANS.contains(text.toLowerCase(Locale.ROOT)) ? Optional.empty()
                        : Optional.of(s.name() + " is on or off, not '" + text + "'");
            case "enum":
                return s.enumValues().stream().anyMatch(v -> v.equalsIgnoreCase(text)) ? Optional.empty()
                        : Optional.of(s.name() + " is one of " + String.join(", ", s.enumValues()) + ", not '" + text
                        + "'");
            case "integer":
            case "real":
                double v = SettingUnits.inUnit(text, s.unit(), s.name());
                double lo = number(s.min(), Double.NEGATIVE_INFINITY);
                double hi = number(s.max(), Double.POSITIVE_INFINITY);
                if (v < lo || v > hi) {
                    return Optional.of("out of range: " + s.name() + " is between " + SettingUnits.readable(s.min(),
                            s.unit()) + " and " + SettingUnits.readable(s.max(), s.unit()));
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static double number(String text, double fallback) {
        try {
            return text == null ? fallback : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * One line per changed PostgreSQL parameter: its value in effect on the leader and when the change applies
     * ({@code shared_buffers  in effect 128MB  needs a restart}).
     */
    public static List<String> effects(Map<String, JsonNode> changes, PgSettingsCatalog catalog) {
        return changes.keySet().stream().filter(k -> k.startsWith(PARAMETERS))
                .map(k -> catalog.find(k.substring(PARAMETERS.length())).map(s -> String.format(Locale.ROOT,
                        "  %-32s in effect on %s: %-12s change applies: %s", s.name(), catalog.readFrom(),
                        s.effective(), s.applies())).orElse(null))
                .filter(l -> l != null).collect(Collectors.toList());
    }
}
