package io.pilothouse.views.main;

import java.util.Comparator;

/**
 * The order of clusters in the workspace tree: worst first (no leader, stale, critical alerts, other alerts), then
 * by name. On an estate of hundreds, the ones that need a look are at the top instead of somewhere in the alphabet.
 */
final class TroubleOrder {

    /** Worst first, then by scope. */
    static final Comparator<WorkspaceNode.Cluster> WORST_FIRST = Comparator.comparingInt(TroubleOrder::rank)
            .thenComparing(c -> c.key().scope());

    private TroubleOrder() {
    }

    /** 0 for the most trouble; 4 for a healthy cluster without alerts. */
    static int rank(WorkspaceNode.Cluster c) {
        if (c.health() == ClusterHealth.NO_LEADER) {
            return 0;
        }
        if (c.health() == ClusterHealth.STALE) {
            return 1;
        }
        if (c.critical() > 0) {
            return 2;
        }
        return c.alerts() > 0 ? 3 : 4;
    }
}
