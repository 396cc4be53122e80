package io.pilothouse.services.model;

import java.time.Instant;

/**
 * One observed change in a cluster.
 *
 * @param type       what changed
 * @param source     workspace source the cluster belongs to
 * @param scope      the cluster
 * @param member     the member concerned, or null for cluster-wide events
 * @param from       previous value in words (old leader, old role, …), or null
 * @param to         new value in words, or null
 * @param observedAt when Pilothouse saw the change
 */
public record ClusterEvent(ClusterEventType type, String source, String scope, String member, String from, String to,
                           Instant observedAt) {
}
