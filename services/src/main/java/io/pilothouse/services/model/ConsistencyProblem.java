package io.pilothouse.services.model;

/**
 * One disagreement between the DCS and a node.
 *
 * @param kind    what kind
 * @param member  the member it is about, or null when it is about the cluster
 * @param message what was seen, in words, with both sides' values
 */
public record ConsistencyProblem(ProblemKind kind, String member, String message) {
}
