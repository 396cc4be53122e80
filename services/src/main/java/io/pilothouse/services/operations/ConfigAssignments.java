package io.pilothouse.services.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code KEY=VALUE} assignments as typed on a command line into configuration changes. The value is JSON when
 * it parses as JSON ({@code 3}, {@code true}, {@code null}, {@code "3"}, {@code {"type":"physical"}}), otherwise a
 * string ({@code 16MB}); {@code null} removes the key.
 */
public final class ConfigAssignments {

    // Without FAIL_ON_TRAILING_TOKENS Jackson would read "16MB" as the number 16.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ConfigAssignments() {
    }

    /**
     * The changes, in the order given (a later assignment to the same key wins).
     *
     * @throws IllegalArgumentException with a message saying how to write it, for an assignment without {@code =} or
     *                                  with a bad key
     */
    public static Map<String, JsonNode> parse(List<String> assignments) {
        Map<String, JsonNode> changes = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + a + "' is not an assignment; write KEY=VALUE, e.g. "
                        + "loop_wait=5 or postgresql.parameters.work_mem=16MB (VALUE null removes the key)");
            }
            String key = a.substring(0, eq).strip();
            ConfigKeys.split(key);
            changes.remove(key);
            changes.put(key, value(a.substring(eq + 1).strip()));
        }
        return changes;
    }

    /** One value as typed. */
    public static JsonNode value(String text) {
        if (text.isEmpty()) {
            return JsonNodeFactory.instance.textNode("");
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }
}
