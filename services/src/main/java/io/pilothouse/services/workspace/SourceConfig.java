package io.pilothouse.services.workspace;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * One place clusters are discovered: an etcd namespace (every scope under it), a list of Patroni REST URLs
 * (one cluster), or both (etcd first, REST as fallback and detail); or a plain streaming-replication cluster given
 * as its PostgreSQL nodes, with no manager at all.
 *
 * @param name     display name of the source in the workspace tree; also the scope of a {@code nodes} cluster
 * @param etcd     etcd endpoints and namespace, or null
 * @param patroni  Patroni REST base URLs (e.g. {@code http://10.0.0.1:8008}), may be empty
 * @param postgres how to connect to each member's PostgreSQL, or null to skip SQL
 * @param nodes    {@code host:port} of every PostgreSQL node of a plain (unmanaged) cluster, may be empty
 * @param writeEndpoint {@code host:port} of the load balancer's write port (HAProxy, pgbouncer…) in front of this
 *                 cluster, or null; a switchover is verified to reach the new leader through it
 * @param patroniUser user of Patroni's {@code restapi.authentication}, or null when its REST API has none; the
 *                 password comes from pgpass (database {@code patroni}) or the keyring, never from this file
 * @param patroniTls CA and client certificate for Patroni's REST API over {@code https}, or null
 * @param traffic  the load balancer and poolers in front of this cluster (HAProxy stats, PgBouncer, Pgpool-II), or
 *                 null when none is watched
 */
public record SourceConfig(String name, EtcdConfig etcd, List<String> patroni, PostgresConfig postgres,
                           List<String> nodes, String writeEndpoint, String patroniUser, TlsFiles patroniTls,
                           TrafficConfig traffic) {

    public SourceConfig {
        patroni = patroni == null ? List.of() : List.copyOf(patroni);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        writeEndpoint = writeEndpoint == null || writeEndpoint.isBlank() ? null : writeEndpoint.trim();
        patroniUser = patroniUser == null || patroniUser.isBlank() ? null : patroniUser.trim();
    }

    /** Without Patroni REST TLS files and without a traffic layer. */
    public SourceConfig(String name, EtcdConfig etcd, List<String> patroni, PostgresConfig postgres,
                        List<String> nodes, String writeEndpoint, String patroniUser) {
        this(name, etcd, patroni, postgres, nodes, writeEndpoint, patroniUser, null, null);
    }

    /** Without a traffic layer. */
    public SourceConfig(String name, EtcdConfig etcd, List<String> patroni, PostgresConfig postgres,
                        List<String> nodes, String writeEndpoint, String patroniUser, TlsFiles patroniTls) {
        this(name, etcd, patroni, postgres, nodes, writeEndpoint, patroniUser, patroniTls, null);
    }

    /** Without Patroni REST TLS files. */
    public SourceConfig(String name, EtcdConfig etcd, List<String> patroni, PostgresConfig postgres,
                        List<String> nodes, String writeEndpoint, String patroniUser, TrafficConfig traffic) {
        this(name, etcd, patroni, postgres, nodes, writeEndpoint, patroniUser, null, traffic);
    }

    /** A Patroni source (etcd and/or REST), without plain nodes. */
    public SourceConfig(String name, EtcdConfig etcd, List<String> patroni, PostgresConfig postgres) {
        this(name, etcd, patroni, postgres, List.of(), null, null);
    }

    /** A source without a write endpoint. */
    public SourceConfig(String name, EtcdConfig etcd, List<String> patroni, PostgresConfig postgres,
                        List<String> nodes) {
        this(name, etcd, patroni, postgres, nodes, null, null);
    }

    /** True when this source is a plain streaming-replication cluster read over SQL only. */
    @JsonIgnore
    public boolean isPlain() {
        return !nodes.isEmpty();
    }

    /** The plain nodes, parsed; only call on a validated workspace. */
    @JsonIgnore
    public List<NodeAddress> nodeAddresses() {
        return nodes.stream().map(NodeAddress::parse).toList();
    }
}
