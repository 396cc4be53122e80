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
 * @param outbound where alerts go outside the app (Alertmanager, a webhook), or null for nowhere
 * @param ssh      SSH settings for commands on remote hosts (a known_hosts file), or null for the user's own
 */
public record Workspace(String name, boolean readOnly, List<SourceConfig> sources, AlertsConfig alerts,
                        IndoubtConfig indoubt, List<ShardMapConfig> shardMaps, OutboundConfig outbound,
                        SshConfig ssh) {

    public Workspace {
        name = name == null || name.isBlank() ? "workspace" : name;
        sources = sources == null ? List.of() : List.copyOf(sources);
        shardMaps = shardMaps == null ? List.of() : List.copyOf(shardMaps);
    }

    /** Without outbound alert targets or SSH settings. */
    public Workspace(String name, boolean readOnly, List<SourceConfig> sources, AlertsConfig alerts,
                     IndoubtConfig indoubt, List<ShardMapConfig> shardMaps) {
        this(name, readOnly, sources, alerts, indoubt, shardMaps, null, null);
    }

    /** A builder for a workspace named {@code name}: read-write, no sources, every setting at its default. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder starting from this workspace's values, to change a few of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The alert thresholds, never null (defaults when the file has no {@code alerts:} key). */
    public AlertsConfig alertsOrDefaults() {
        return alerts == null ? AlertsConfig.DEFAULTS : alerts;
    }

    /** The in-doubt settings, never null (defaults when the file has no {@code indoubt:} key). */
    public IndoubtConfig indoubtOrDefaults() {
        return indoubt == null ? IndoubtConfig.DEFAULTS : indoubt;
    }

    /** Builds a workspace field by field, so a new setting does not touch every caller. */
    public static final class Builder {
        private String name;
        private boolean readOnly;
        private List<SourceConfig> sources = List.of();
        private AlertsConfig alerts;
        private IndoubtConfig indoubt;
        private List<ShardMapConfig> shardMaps = List.of();
        private OutboundConfig outbound;
        private SshConfig ssh;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(Workspace w) {
            name = w.name; readOnly = w.readOnly; sources = w.sources; alerts = w.alerts; indoubt = w.indoubt;
            shardMaps = w.shardMaps; outbound = w.outbound; ssh = w.ssh;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder readOnly(boolean v) { readOnly = v; return this; }
        public Builder sources(List<SourceConfig> v) { sources = v; return this; }
        public Builder alerts(AlertsConfig v) { alerts = v; return this; }
        public Builder indoubt(IndoubtConfig v) { indoubt = v; return this; }
        public Builder shardMaps(List<ShardMapConfig> v) { shardMaps = v; return this; }
        public Builder outbound(OutboundConfig v) { outbound = v; return this; }
        public Builder ssh(SshConfig v) { ssh = v; return this; }

        public Workspace build() {
            return new Workspace(name, readOnly, sources, alerts, indoubt, shardMaps, outbound, ssh);
        }
    }
}
