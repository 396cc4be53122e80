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
 * @param settings the leader's {@code pg_settings} the changes were checked against, or null when not read (no
 *                 PostgreSQL parameter changes, or no SQL access wired)
 */
public record ConfigPreview(JsonNode current, ConfigDiff diff, List<String> problems, String readFrom,
                            PgSettingsCatalog settings) {

    public ConfigPreview {
        problems = List.copyOf(problems);
    }

    /** A preview not checked against {@code pg_settings}. */
    public ConfigPreview(JsonNode current, ConfigDiff diff, List<String> problems, String readFrom) {
        this(current, diff, problems, readFrom, null);
    }

    /** True when the edit may be sent. */
    public boolean isValid() {
        return problems.isEmpty();
    }
}
