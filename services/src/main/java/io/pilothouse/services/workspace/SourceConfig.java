package io.pilothouse.services.workspace;

import java.util.List;

/**
 * One place clusters are discovered: an etcd namespace (every scope under it), a list of Patroni REST URLs
 * (one cluster), or both (etcd first, REST as fallback and detail).
 *
 * @param name     display name of the source in the workspace tree
 * @param etcd     etcd endpoints and namespace, or null
 * @param patroni  Patroni REST base URLs (e.g. {@code http://10.0.0.1:8008}), may be empty
 * @param postgres how to connect to each member's PostgreSQL, or null to skip SQL
 */
public record SourceConfig(String name, EtcdConfig etcd, List<String> patroni, PostgresConfig postgres) {

    public SourceConfig {
        patroni = patroni == null ? List.of() : List.copyOf(patroni);
    }
}
