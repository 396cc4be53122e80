package io.pilothouse.services.workspace;

import java.util.List;

/**
 * A set of clusters and how to reach them, as the user saved it. Holds no secrets: passwords come from a pgpass
 * file, the OS keyring or a prompt.
 *
 * @param name     display name
 * @param readOnly when true, every mutating service call is refused (see the mutation gate)
 * @param sources  where clusters are found
 * @param alerts   alert thresholds, or null for the defaults
 */
public record Workspace(String name, boolean readOnly, List<SourceConfig> sources, AlertsConfig alerts) {

    public Workspace {
        name = name == null || name.isBlank() ? "workspace" : name;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** A workspace with the default alert thresholds. */
    public Workspace(String name, boolean readOnly, List<SourceConfig> sources) {
        this(name, readOnly, sources, null);
    }

    /** The alert thresholds, never null (defaults when the file has no {@code alerts:} key). */
    public AlertsConfig alertsOrDefaults() {
        return alerts == null ? AlertsConfig.DEFAULTS : alerts;
    }
}
