package io.pilothouse.services.model;

import java.util.Locale;

/** What is wrong in the traffic layer (load balancers and poolers) in front of a cluster. */
public enum TrafficProblemKind {
    /** A write entry point reaches a node in recovery, a member that is not the leader, or another cluster. */
    WRITES_TO_NON_LEADER(true),
    /** A pooler still holds server connections to (or is configured on) a member that is no longer the leader. */
    POOLER_ON_OLD_LEADER(true),
    /** Pgpool-II's primary (its {@code role}) is not the node the server itself says is primary, or not the leader. */
    PGPOOL_PRIMARY_MISMATCH(true),
    /** Pgpool-II's node status ({@code status}) differs from what the server answers ({@code pg_status}). */
    PGPOOL_STATUS_MISMATCH(false),
    /** Clients have waited at a pooler for a server connection longer than the threshold. */
    CLIENTS_WAITING(false),
    /** A load balancer's backend server is down for a reason other than its role check (refused, timed out). */
    BACKEND_DOWN(false),
    /** A proxy has no server up: nothing answers its clients. */
    NO_ROUTE(true),
    /** A stats endpoint or admin console did not answer, refused the user, or answered something unreadable. */
    SOURCE_UNREACHABLE(false);

    private final boolean critical;

    TrafficProblemKind(boolean critical) {
        this.critical = critical;
    }

    /** True when clients' writes may fail or land on the wrong node because of it. */
    public boolean critical() {
        return critical;
    }

    /** Lower-case, dash-separated, for JSON and alert ids ({@code writes-to-non-leader}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
