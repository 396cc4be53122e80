package io.pilothouse.services.operations;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a dynamic configuration before it is sent. Patroni 3.0.2 checks nothing on {@code PATCH /config}: it stores
 * whatever it is given and later calls {@code int()} on the timing keys on every member, so a bad value breaks every
 * member's next configuration reload. Patroni 3.2 and later adjust out-of-range timings with only a log line. The
 * rules here are those of the Patroni documentation: {@code ttl >= 20}, {@code loop_wait >= 1},
 * {@code retry_timeout >= 3}, {@code loop_wait + 2 * retry_timeout <= ttl}, whole numbers where Patroni calls
 * {@code int()}, and true/false where it tests truth (a string {@code "false"} would be true to it).
 */
public final class ConfigValidation {

    /** Top-level keys Patroni converts with {@code int()}. */
    static final Set<String> INTEGER_KEYS = Set.of("ttl", "loop_wait", "retry_timeout", "maximum_lag_on_failover",
            "maximum_lag_on_syncnode", "primary_start_timeout", "primary_stop_timeout", "master_start_timeout",
            "master_stop_timeout", "synchronous_node_count", "max_timelines_history");

    /** Keys Patroni tests for truth. */
    static final Set<String> BOOLEAN_KEYS = Set.of("pause", "synchronous_mode", "synchronous_mode_strict",
            "failsafe_mode", "check_timeline", "postgresql.use_slots", "postgresql.use_pg_rewind");

    private static final long DEFAULT_TTL = 30;
    private static final long DEFAULT_LOOP_WAIT = 10;
    private static final long DEFAULT_RETRY_TIMEOUT = 10;

    private ConfigValidation() {
    }

    /** Patroni's major version that first accepts {@code synchronous_mode: quorum}. */
    static final int QUORUM_SINCE_MAJOR = 4;

    /**
     * What is wrong with {@code config} (the whole configuration after the change) for a cluster whose Patroni version
     * is not known: {@code synchronous_mode: quorum} is then refused, since Patroni 3 would read it as plain
     * synchronous mode without a word.
     */
    public static List<String> problems(JsonNode config) {
        return problems(config, null);
    }

    /**
     * What is wrong with {@code config} (the whole configuration after the change), in words; empty when valid.
     *
     * @param patroniVersion the version the cluster's Patroni reports in {@code GET /patroni}, or null if not known
     */
    public static List<String> problems(JsonNode config, String patroniVersion) {
        List<String> problems = new ArrayList<>();
        synchronousMode(config, patroniVersion).ifPresent(problems::add);
        for (String key : INTEGER_KEYS) {
            JsonNode v = ConfigDiff.lookup(config, List.of(key));
            if (v != null && integer(v) == null) {
                problems.add(key + " must be a whole number, not " + v + "; write e.g. " + key + "=10");
            }
        }
        for (String key : BOOLEAN_KEYS) {
            JsonNode v = ConfigDiff.lookup(config, ConfigKeys.split(key));
            if (key.equals("synchronous_mode") && v != null && isQuorum(v)) {
                continue; // judged with the version above
            }
            if (v != null && !v.isBoolean()) {
                problems.add(key + " must be true or false, not " + v + "; write " + key + "=true or " + key
                        + "=false (without quotes)");
            }
        }
        JsonNode parameters = ConfigDiff.lookup(config, List.of("postgresql", "parameters"));
        if (parameters != null && parameters.isObject()) {
            parameters.fields().forEachRemaining(e -> {
                if (e.getValue().isContainerNode()) {
                    problems.add("postgresql.parameters." + e.getKey() + " must be a single value, not "
                            + e.getValue());
                }
            });
        }
        Long ttl = valueOr(config, "ttl", DEFAULT_TTL);
        Long loopWait = valueOr(config, "loop_wait", DEFAULT_LOOP_WAIT);
        Long retry = valueOr(config, "retry_timeout", DEFAULT_RETRY_TIMEOUT);
        if (ttl != null && ttl < 20) {
            problems.add("ttl " + ttl + " is below Patroni's minimum of 20 seconds; set ttl=20 or more");
        }
        if (loopWait != null && loopWait < 1) {
            problems.add("loop_wait " + loopWait + " is below Patroni's minimum of 1 second");
        }
        if (retry != null && retry < 3) {
            problems.add("retry_timeout " + retry + " is below Patroni's minimum of 3 seconds");
        }
        if (ttl != null && loopWait != null && retry != null && loopWait + 2 * retry > ttl) {
            problems.add("loop_wait " + loopWait + " + 2 x retry_timeout " + retry + " = " + (loopWait + 2 * retry)
                    + " exceeds ttl " + ttl + " (Patroni needs loop_wait + 2 x retry_timeout <= ttl); lower loop_wait"
                    + " to at most " + Math.max(0, ttl - 2 * retry) + ", lower retry_timeout, or raise ttl to at least "
                    + (loopWait + 2 * retry));
        }
        Long syncCount = valueOr(config, "synchronous_node_count", 1L);
        if (syncCount != null && syncCount < 1) {
            problems.add("synchronous_node_count must be at least 1");
        }
        return problems;
    }

    /** {@code synchronous_mode: quorum} needs Patroni 4.0 or later; the problem when it is set on an older one. */
    private static java.util.Optional<String> synchronousMode(JsonNode config, String patroniVersion) {
        JsonNode v = ConfigDiff.lookup(config, List.of("synchronous_mode"));
        if (v == null || !isQuorum(v)) {
            return java.util.Optional.empty();
        }
        int major = major(patroniVersion);
        if (major >= QUORUM_SINCE_MAJOR) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(major < 0
                ? "synchronous_mode=quorum needs Patroni 4.0 or later, and this cluster's Patroni version could not be "
                  + "read (GET /patroni); try again when its members answer, or use synchronous_mode=true"
                : "synchronous_mode=quorum needs Patroni 4.0 or later, but this cluster runs Patroni " + patroniVersion
                  + " (GET /patroni), which would take it for plain synchronous mode; use synchronous_mode=true, or "
                  + "upgrade Patroni first");
    }

    private static boolean isQuorum(JsonNode v) {
        return v.isTextual() && v.asText().strip().equalsIgnoreCase("quorum");
    }

    /** The major version of {@code 4.0.7}, or -1 when there is none. */
    static int major(String version) {
        if (version == null) {
            return -1;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*(\\d+)\\.").matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static Long valueOr(JsonNode config, String key, long fallback) {
        JsonNode v = ConfigDiff.lookup(config, List.of(key));
        return v == null ? Long.valueOf(fallback) : integer(v);
    }

    /** The whole number Python's {@code int()} would make of {@code v}, or null if it would fail or round. */
    static Long integer(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        // int(2.5) would silently round down; refuse it rather than store something the user did not mean.
        return null;
    }
}
