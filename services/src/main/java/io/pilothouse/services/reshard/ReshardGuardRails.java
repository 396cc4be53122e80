package io.pilothouse.services.reshard;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a move must not run now, from the live model: the HA cluster of the coordinator, the source or the target is
 * paused, has no leader (failing over), has a switchover scheduled, lags past the threshold, or the node named is
 * not its primary.
 */
public final class ReshardGuardRails {

    /** Default: refuse when a replica of a cluster involved is more than 64 MB behind. */
    public static final long DEFAULT_MAX_LAG_BYTES = 64L * 1024 * 1024;

    private final long maxLagBytes;

    public ReshardGuardRails(long maxLagBytes) {
        this.maxLagBytes = maxLagBytes;
    }

    /** Reasons to refuse, each a sentence saying what to do; empty when the move may run. */
    public List<String> refusals(MovePlan plan, EstateSnapshot estate) {
        Set<String> reasons = new LinkedHashSet<>();
        for (ReshardNode node : List.of(plan.coordinator(), plan.source(), plan.target())) {
            Optional<ClusterSnapshot> cluster = clusterOf(node, estate);
            if (cluster.isEmpty()) {
                reasons.add(node.describe() + " is not in the live model; wait until Pilothouse sees it, or add it "
                        + "to the workspace.");
                continue;
            }
            reasons.addAll(refusals(node, cluster.get()));
        }
        return List.copyOf(reasons);
    }

    private List<String> refusals(ReshardNode node, ClusterSnapshot c) {
        List<String> reasons = new ArrayList<>();
        String name = c.scope();
        if (c.paused()) {
            reasons.add("Cluster " + name + " is paused (maintenance mode); resume it before resharding.");
        }
        if (c.leader() == null || c.leaderMember().isEmpty()) {
            reasons.add("Cluster " + name + " has no leader (a failover may be under way); wait until it has one.");
        }
        if (c.scheduledSwitchover() != null) {
            reasons.add("Cluster " + name + " has a switchover scheduled; let it happen or cancel it first.");
        }
        c.members().stream().filter(m -> node.host().equals(m.host()) && m.port() == node.port()).findFirst()
                .filter(m -> !m.role().isLeaderLike())
                .ifPresent(m -> reasons.add(node.describe() + " is " + m.role() + " in cluster " + name
                        + ", not its primary; point the foreign server at the primary (or the write endpoint)."));
        for (Member m : c.members()) {
            Long lag = m.sqlLagBytes();
            if (lag != null && lag > maxLagBytes) {
                reasons.add("Replica " + m.name() + " of cluster " + name + " is " + lag / (1024 * 1024) + " MB "
                        + "behind (more than " + maxLagBytes / (1024 * 1024) + " MB); wait until it catches up.");
            }
        }
        return reasons;
    }

    private static Optional<ClusterSnapshot> clusterOf(ReshardNode node, EstateSnapshot estate) {
        return estate.clusters().stream().filter(c -> c.members().stream()
                .anyMatch(m -> node.host().equals(m.host()) && m.port() == node.port())).findFirst();
    }
}
