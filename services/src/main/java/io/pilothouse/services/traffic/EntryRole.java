package io.pilothouse.services.traffic;

/** What an entry point is for, as its routing shows. */
public enum EntryRole {
    /** Routes to the primary only: clients write through it. */
    WRITE,
    /** Routes to replicas only: clients read through it. */
    READ,
    /** Writes to the primary and balances reads (Pgpool-II), or routes to both kinds of node. */
    READ_WRITE,
    /** Routes nowhere right now (no server up), or its routing is not known. */
    UNKNOWN
}
