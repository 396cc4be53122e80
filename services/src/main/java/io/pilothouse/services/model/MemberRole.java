package io.pilothouse.services.model;

import java.util.Locale;

/** A member's role in its cluster, normalised across Patroni 3.x ({@code master}) and 4.x ({@code primary}). */
public enum MemberRole {
    /** Holds the leader key and accepts writes (Patroni's {@code leader}, {@code master} or {@code primary}). */
    LEADER,
    /** Leader of a standby cluster: replicates from a remote primary and feeds the local replicas. */
    STANDBY_LEADER,
    /** Synchronous standby listed in the DCS {@code sync} key. */
    SYNC_STANDBY,
    /** Member of the quorum in Patroni 4's {@code synchronous_mode: quorum}. */
    QUORUM_STANDBY,
    /** Asynchronous streaming replica. */
    REPLICA,
    /** A role this version of Pilothouse does not know, or none reported. */
    UNKNOWN;

    /** Maps a Patroni role string (REST or member key) to a role; unknown strings map to {@link #UNKNOWN}. */
    public static MemberRole fromPatroni(String role) {
        if (role == null) {
            return UNKNOWN;
        }
        switch (role.trim().toLowerCase(Locale.ROOT)) {
            case "leader":
            case "master":
            case "primary":
                return LEADER;
            case "standby_leader":
            case "standby-leader":
                return STANDBY_LEADER;
            case "sync_standby":
            case "sync-standby":
                return SYNC_STANDBY;
            case "quorum_standby":
            case "quorum-standby":
                return QUORUM_STANDBY;
            case "replica":
                return REPLICA;
            default:
                return UNKNOWN;
        }
    }

    /** True for the roles that sit at the top of a cluster's replication tree. */
    public boolean isLeaderLike() {
        return this == LEADER || this == STANDBY_LEADER;
    }

    /** Human label as shown on cards and in the command line. */
    public String label() {
        switch (this) {
            case LEADER: return "leader";
            case STANDBY_LEADER: return "standby leader";
            case SYNC_STANDBY: return "sync standby";
            case QUORUM_STANDBY: return "quorum standby";
            case REPLICA: return "replica";
            default: return "unknown";
        }
    }
}
