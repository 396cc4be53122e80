package io.pilothouse.services.operations;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A configuration edit before it is sent: the configuration as read, what would change, and what is wrong with it.
 *
 * @param current  {@code GET /config} as read
 * @param diff     the keys that would change
 * @param problems validation problems in words; the edit is refused unless empty
 * @param readFrom the Patroni REST URL the configuration was read from
 */
public record ConfigPreview(JsonNode current, ConfigDiff diff, List<String> problems, String readFrom) {

    public ConfigPreview {
        problems = List.copyOf(problems);
    }

    /** True when the edit may be sent. */
    public boolean isValid() {
        return problems.isEmpty();
    }
}
