package io.pilothouse.services.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every cluster of a workspace at one moment. Immutable.
 *
 * @param workspaceName name of the workspace
 * @param readOnly      whether the workspace is read-only (services refuse mutations; views hide actions)
 * @param clusters      clusters sorted by source then scope
 * @param version       increases by one with every published change, so a consumer can tell whether it has it
 * @param observedAt    when this estate snapshot was published
 */
public record EstateSnapshot(String workspaceName, boolean readOnly, List<ClusterSnapshot> clusters, long version,
                             Instant observedAt) {

    private static final Comparator<ClusterSnapshot> ORDER =
            Comparator.comparing(ClusterSnapshot::source).thenComparing(ClusterSnapshot::scope);

    public EstateSnapshot {
        clusters = clusters == null ? List.of() : clusters.stream().sorted(ORDER).toList();
    }

    /** An empty estate (nothing discovered yet). */
    public static EstateSnapshot empty(String workspaceName, boolean readOnly) {
        return new EstateSnapshot(workspaceName, readOnly, List.of(), 0, Instant.EPOCH);
    }

    /** The cluster with this source and scope. */
    public Optional<ClusterSnapshot> cluster(String source, String scope) {
        return clusters.stream().filter(c -> c.source().equals(source) && c.scope().equals(scope)).findFirst();
    }

    /** The cluster named {@code source/scope} (or just {@code scope} when it equals its source's name). */
    public Optional<ClusterSnapshot> cluster(String sourceSlashScope) {
        String[] parts = sourceSlashScope.split("/", 2);
        return cluster(parts[0], parts.length > 1 ? parts[1] : parts[0]);
    }
}
