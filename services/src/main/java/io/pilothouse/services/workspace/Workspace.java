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
 * @param indoubt  in-doubt transaction settings (gid patterns, decision record), or null for the defaults
 * @param shardMaps application-level shard maps ({@code key % N} over listed shards, or a ShardingSphere file),
 *                 may be empty
 */
public record Workspace(String name, boolean readOnly, List<SourceConfig> sources, AlertsConfig alerts,
                        IndoubtConfig indoubt, List<ShardMapConfig> shardMaps) {

    public Workspace {
        name = name == null || name.isBlank() ? "workspace" : name;
        sources = sources == null ? List.of() : List.copyOf(sources);
        shardMaps = shardMaps == null ? List.of() : List.copyOf(shardMaps);
    }

    /** A workspace without shard maps. */
    public Workspace(String name, boolean readOnly, List<SourceConfig> sources, AlertsConfig alerts,
                     IndoubtConfig indoubt) {
        this(name, readOnly, sources, alerts, indoubt, List.of());
    }

    /** A workspace with the default alert thresholds. */
    public Workspace(String name, boolean readOnly, List<SourceConfig> sources) {
        this(name, readOnly, sources, null, null);
    }

    /** A workspace with the default in-doubt settings. */
    public Workspace(String name, boolean readOnly, List<SourceConfig> sources, AlertsConfig alerts) {
        this(name, readOnly, sources, alerts, null);
    }

    /** The alert thresholds, never null (defaults when the file has no {@code alerts:} key). */
    public AlertsConfig alertsOrDefaults() {
        return alerts == null ? AlertsConfig.DEFAULTS : alerts;
    }

    /** The in-doubt settings, never null (defaults when the file has no {@code indoubt:} key). */
    public IndoubtConfig indoubtOrDefaults() {
        return indoubt == null ? IndoubtConfig.DEFAULTS : indoubt;
    }
}
