package io.pilothouse.services.model;

/**
 * One problem of the traffic layer in front of a cluster, raised as an alert by the alert evaluator.
 *
 * @param source     the workspace source the cluster belongs to
 * @param scope      the cluster's scope, or null when the traffic layer could not be joined to a cluster
 * @param kind       what is wrong
 * @param entryPoint what it is about, e.g. {@code haproxy primary/node1}, {@code pgbouncer app}, {@code pgpool}
 * @param message    what was seen, in words, with both sides' values
 */
public record TrafficProblem(String source, String scope, TrafficProblemKind kind, String entryPoint,
                             String message) {
}
