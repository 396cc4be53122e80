package io.pilothouse.services.switchover;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pre-check matrix of one cluster: one row per possible candidate.
 *
 * @param source    workspace source of the cluster
 * @param scope     cluster name
 * @param kind      switchover or failover
 * @param leader    the current leader, or null when there is none
 * @param timeline  the leader's timeline, or null
 * @param rows      one per replica, by name
 * @param checkedAt when the facts were read
 */
public record CheckMatrix(String source, String scope, OperationKind kind, String leader, Integer timeline,
                          List<CandidateChecks> rows, Instant checkedAt) {

    public CheckMatrix {
        rows = List.copyOf(rows);
    }

    /** The row of {@code candidate}. */
    public Optional<CandidateChecks> row(String candidate) {
        return rows.stream().filter(r -> r.candidate().equals(candidate)).findFirst();
    }

    /** Candidates no check failed for. */
    public List<String> eligible() {
        return rows.stream().filter(CandidateChecks::eligible).map(CandidateChecks::candidate).toList();
    }
}
