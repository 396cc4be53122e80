package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the pre-checks look at, read in one go: the live model's snapshot plus fresh reads of Patroni's
 * dynamic configuration, every member's REST status and settings, and the leader's activity.
 *
 * @param cluster     the live model's snapshot
 * @param config      Patroni's dynamic configuration ({@link DynamicConfig#UNKNOWN} when unreadable)
 * @param configError why {@code /config} could not be read, or null
 * @param nodes       per member name
 * @param primary     the leader's activity ({@link PrimaryFacts#unreadable} when there is no reachable leader)
 * @param collectedAt when the reads finished
 */
public record ClusterFacts(ClusterSnapshot cluster, DynamicConfig config, String configError,
                           Map<String, NodeFacts> nodes, PrimaryFacts primary, Instant collectedAt) {

    public ClusterFacts {
        nodes = Map.copyOf(nodes);
    }

    /** The facts read from one member. */
    public Optional<NodeFacts> node(String member) {
        return Optional.ofNullable(nodes.get(member));
    }
}
