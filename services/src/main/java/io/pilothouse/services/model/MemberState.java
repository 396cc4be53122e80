package io.pilothouse.services.model;

import java.util.Locale;

/** What Patroni says the member's PostgreSQL is doing. */
public enum MemberState {
    /** PostgreSQL is up (Patroni 3 reports replicas as running too). */
    RUNNING,
    /** A replica receiving WAL by streaming (Patroni 3.0.? and later). */
    STREAMING,
    /** A replica replaying WAL from the archive, not streaming. */
    IN_ARCHIVE_RECOVERY,
    /** PostgreSQL is starting. */
    STARTING,
    /** PostgreSQL is stopping. */
    STOPPING,
    /** PostgreSQL is stopped. */
    STOPPED,
    /** PostgreSQL is restarting. */
    RESTARTING,
    /** A replica is being created (base backup in progress). */
    CREATING_REPLICA,
    /** A new cluster is being initialised (initdb). */
    INITIALIZING,
    /** PostgreSQL crashed. */
    CRASHED,
    /** PostgreSQL failed to start. */
    START_FAILED,
    /** A restart failed. */
    RESTART_FAILED,
    /**
     * Set by Pilothouse, never by Patroni: the member was part of the cluster, is no longer registered in the DCS (or
     * listed by any source) and does not answer. It stays in the model, "lost since" its last answer, until it comes
     * back; a new session starts from what the sources name.
     */
    LOST,
    /** A state this version of Pilothouse does not know, or none reported. */
    UNKNOWN;

    /** Maps Patroni's free-text state to a value. */
    public static MemberState fromPatroni(String state) {
        if (state == null) {
            return UNKNOWN;
        }
        String s = state.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "running": return RUNNING;
            case "streaming": return STREAMING;
            case "in archive recovery": return IN_ARCHIVE_RECOVERY;
            case "starting": return STARTING;
            case "stopping": return STOPPING;
            case "stopped": return STOPPED;
            case "restarting": return RESTARTING;
            case "creating replica": return CREATING_REPLICA;
            case "initializing new cluster":
            case "running custom bootstrap script": return INITIALIZING;
            case "crashed": return CRASHED;
            case "start failed": return START_FAILED;
            case "restart failed": return RESTART_FAILED;
            default: return UNKNOWN;
        }
    }

    /** True when PostgreSQL is up and serving (as a primary or a replica). */
    public boolean isHealthy() {
        return this == RUNNING || this == STREAMING;
    }

    /** Human label as Patroni writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
