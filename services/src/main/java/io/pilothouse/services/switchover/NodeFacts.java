package io.pilothouse.services.switchover;

import io.pilothouse.services.patroni.PatroniNodeStatus;

import java.util.Map;

/**
 * What was read from one member just before a switchover: its own view over REST and its settings over SQL.
 *
 * @param member    member name
 * @param rest      {@code GET /patroni}, or null when it could not be read
 * @param restError why REST could not be read, or null
 * @param settings  {@code pg_settings} values of {@link PrimaryFacts#COMPARED_SETTINGS}, empty when not read
 * @param sqlError  why SQL could not be read, or null
 */
public record NodeFacts(String member, PatroniNodeStatus rest, String restError, Map<String, Long> settings,
                        String sqlError) {

    public NodeFacts {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
