package io.pilothouse.services.switchover;

import java.time.Instant;
import java.util.Objects;

/**
 * What the operator asked for.
 *
 * @param kind        switchover or failover
 * @param source      workspace source of the cluster
 * @param scope       cluster name
 * @param candidate   the member to promote
 * @param scheduledAt when (switchover only), or null for now
 */
public record SwitchoverRequest(OperationKind kind, String source, String scope, String candidate,
                                Instant scheduledAt) {

    public SwitchoverRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scope, "scope");
        if (candidate == null || candidate.isBlank()) {
            throw new IllegalArgumentException("name the member to promote");
        }
        if (scheduledAt != null && kind == OperationKind.FAILOVER) {
            throw new IllegalArgumentException("a failover cannot be scheduled; it happens now");
        }
    }

    /** {@code source/scope}, as the audit log names clusters. */
    public String cluster() {
        return source + "/" + scope;
    }

    /** The confirm button's words: {@code Switch over demo to node2}. */
    public String actionLabel() {
        return (kind == OperationKind.SWITCHOVER ? "Switch over " : "Fail over ") + scope + " to " + candidate
                + (scheduledAt == null ? "" : " at " + scheduledAt);
    }
}
