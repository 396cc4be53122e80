package io.pilothouse.views.main;

import io.pilothouse.services.model.ClusterSnapshot;

import java.util.Objects;

/**
 * Identifies a cluster within a workspace.
 *
 * @param source workspace source name
 * @param scope  Patroni scope
 */
public record ClusterKey(String source, String scope) {

    public ClusterKey {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scope, "scope");
    }

    /** The key of a snapshot's cluster. */
    public static ClusterKey of(ClusterSnapshot c) {
        return new ClusterKey(c.source(), c.scope());
    }

    /** True when the snapshot is of this cluster. */
    public boolean matches(ClusterSnapshot c) {
        return c != null && source.equals(c.source()) && scope.equals(c.scope());
    }
}
