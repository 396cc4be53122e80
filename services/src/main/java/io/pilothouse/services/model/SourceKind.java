package io.pilothouse.services.model;

/** Where a piece of the live model comes from. */
public enum SourceKind {
    /** The etcd v3 prefix watch on Patroni's namespace: topology events as they happen. */
    ETCD,
    /** Patroni's REST API ({@code /cluster}, {@code /patroni}): fills in, and the fallback when etcd is lost. */
    PATRONI_REST,
    /** PostgreSQL itself over JDBC: recovery state, versions, replication statistics. */
    POSTGRES
}
