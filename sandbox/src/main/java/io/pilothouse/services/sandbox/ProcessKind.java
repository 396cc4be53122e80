package io.pilothouse.services.sandbox;

/** The kinds of process a sandbox runs. */
public enum ProcessKind {
    /** The single etcd server, the DCS of the sandbox. */
    ETCD,
    /** A Patroni daemon, one per member. */
    PATRONI,
    /** A PostgreSQL postmaster, one per member, started by its Patroni. */
    POSTGRES,
    /** The optional HAProxy in front of the members. */
    HAPROXY,
    /** The optional PgBouncer in front of HAProxy's write port ({@code --poolers}). */
    PGBOUNCER,
    /** The optional Pgpool-II beside HAProxy ({@code --poolers}); its children die with it. */
    PGPOOL,
    /** The estate simulator of {@code sandbox estate}, writing Patroni-shaped keys into the sandbox's etcd. */
    ESTATE
}
