package io.pilothouse.services.switchover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.model.SyncMode;
import io.pilothouse.services.patroni.PatroniFormatException;

/**
 * The parts of Patroni's dynamic configuration ({@code GET /config}) a switchover depends on.
 *
 * @param synchronousMode       {@code synchronous_mode}
 * @param synchronousModeStrict {@code synchronous_mode_strict}
 * @param maximumLagOnFailover  {@code maximum_lag_on_failover} in bytes (Patroni's default 1 MiB when absent)
 * @param mode                  {@code synchronous_mode} told apart: async, multi-sync or quorum commit
 */
public record DynamicConfig(boolean synchronousMode, boolean synchronousModeStrict, long maximumLagOnFailover,
                            SyncMode mode) {

    public DynamicConfig {
        mode = mode == null ? (synchronousMode ? SyncMode.SYNC : SyncMode.ASYNC) : mode;
    }

    /** A configuration whose synchronous mode is multi-sync when {@code synchronousMode} is true. */
    public DynamicConfig(boolean synchronousMode, boolean synchronousModeStrict, long maximumLagOnFailover) {
        this(synchronousMode, synchronousModeStrict, maximumLagOnFailover, null);
    }

    /** Patroni's default {@code maximum_lag_on_failover}. */
    public static final long DEFAULT_MAXIMUM_LAG = 1_048_576L;
    /** What is assumed when {@code /config} could not be read. */
    public static final DynamicConfig UNKNOWN = new DynamicConfig(false, false, DEFAULT_MAXIMUM_LAG);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses the body of {@code GET /config}. */
    public static DynamicConfig parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PatroniFormatException("Patroni's /config answer is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PatroniFormatException("Patroni's /config answer is not a JSON object", null);
        }
        JsonNode syncMode = root.get("synchronous_mode");
        return new DynamicConfig(truthy(syncMode), truthy(root.get("synchronous_mode_strict")),
                root.path("maximum_lag_on_failover").canConvertToLong()
                        ? root.get("maximum_lag_on_failover").asLong() : DEFAULT_MAXIMUM_LAG,
                syncMode == null || syncMode.isNull() ? SyncMode.ASYNC
                        : SyncMode.fromPatroni(syncMode.isBoolean() ? (Object) syncMode.booleanValue() : syncMode.asText()));
    }

    /** Patroni accepts {@code true}, {@code "on"}, {@code "quorum"} (3.2+) and the like. */
    private static boolean truthy(JsonNode n) {
        if (n == null || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        String s = n.asText("").trim().toLowerCase(java.util.Locale.ROOT);
        return s.equals("true") || s.equals("on") || s.equals("yes") || s.equals("1") || s.equals("quorum");
    }
}
