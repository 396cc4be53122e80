package io.pilothouse.services.operations;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.postgres.ConnectionSource;

import java.sql.Connection;

/** Reads the {@code pg_settings} of a cluster's leader, which configuration changes are checked against. */
@FunctionalInterface
public interface LeaderSettings {

    /** None wired: parameter names and values are not checked (operations built without SQL access). */
    LeaderSettings NONE = cluster -> null;

    /**
     * The leader's settings, or null when none are wired.
     *
     * @throws Exception in words when the leader is unknown or does not answer SQL
     */
    PgSettingsCatalog read(ClusterSnapshot cluster) throws Exception;

    /** Reads them over the session's node connections. */
    static LeaderSettings over(ConnectionSource connections) {
        return cluster -> {
            Member leader = cluster.leader() == null ? null : cluster.member(cluster.leader()).orElse(null);
            if (leader == null || leader.host() == null) {
                throw new IllegalStateException(cluster.scope() + " has no leader to read pg_settings from");
            }
            try (Connection c = connections.open(leader.host(), leader.port())) {
                return PgSettingsCatalog.read(leader.name(), c);
            }
        };
    }
}
