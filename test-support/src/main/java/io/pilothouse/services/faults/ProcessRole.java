package io.pilothouse.services.faults;

/** The role of a sandbox process a fault is aimed at. */
public enum ProcessRole {
    /** A member's PostgreSQL: its postmaster and every process it forked. */
    POSTGRES,
    /** A member's Patroni daemon. */
    PATRONI,
    /** The sandbox's single etcd server. */
    ETCD
}
