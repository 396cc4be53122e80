package io.pilothouse.services.consistency;

import java.util.List;
import java.util.Map;

/**
 * What the DCS and the nodes of one Patroni cluster said, as plain values: the input of {@link ConsistencyCheck}.
 *
 * @param leader            the leader key's value, or null when no member holds it
 * @param dcsLive           true when the DCS itself was read live (member keys and the sync key mean something)
 * @param standbyCluster    true when the leader is a standby leader (it is in recovery by design)
 * @param synchronousMode   the dynamic configuration's {@code synchronous_mode} as written ({@code true},
 *                          {@code quorum}, …), or null when not known
 * @param syncKeyStandbys   the standbys named in the {@code sync} key
 * @param parameters        the dynamic configuration's {@code postgresql.parameters}, as text
 * @param nodes             every node: members with a key and nodes known without one
 */
public record ClusterObservation(String leader, boolean dcsLive, boolean standbyCluster, String synchronousMode,
                                 List<String> syncKeyStandbys, Map<String, String> parameters,
                                 List<NodeObservation> nodes) {

    public ClusterObservation {
        syncKeyStandbys = syncKeyStandbys == null ? List.of() : List.copyOf(syncKeyStandbys);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** Whether a source answered a node's latest read. */
    public enum Answer {
        /** The latest read succeeded, recently. */
        ANSWERS,
        /** Reads were attempted and the latest failed, or the last success is too old. */
        SILENT,
        /** Not asked yet, or not configured: says nothing. */
        NOT_ASKED
    }

    /**
     * One node.
     *
     * @param name          member name
     * @param hasMemberKey  true when the DCS has a member key for it
     * @param running       true when Patroni says its PostgreSQL runs
     * @param restUrl       its Patroni REST URL, or null
     * @param endpoint      its PostgreSQL {@code host:port}, or null
     * @param rest          how its Patroni REST API answered
     * @param restError     the latest REST failure in words, or null
     * @param sql           how its PostgreSQL answered
     * @param sqlError      the latest SQL failure in words, or null
     * @param inRecovery    {@code pg_is_in_recovery()} when answered, else null
     * @param settings      its {@code pg_settings} by name when read, else null
     * @param syncStates    on a primary: {@code pg_stat_replication.sync_state} by application_name
     */
    public record NodeObservation(String name, boolean hasMemberKey, boolean running, String restUrl,
                                  String endpoint, Answer rest, String restError, Answer sql, String sqlError,
                                  Boolean inRecovery, Map<String, NodeSetting> settings,
                                  Map<String, String> syncStates) {

        public NodeObservation {
            settings = settings == null ? null : Map.copyOf(settings);
            syncStates = syncStates == null ? Map.of() : Map.copyOf(syncStates);
        }
    }
}
