package io.pilothouse.services.switchover;

import java.util.List;
import java.util.Optional;

/**
 * One row of the pre-check matrix: every check for one candidate (cluster-wide checks repeated in every row, so a
 * row alone says whether that candidate may be chosen).
 *
 * @param candidate member name
 * @param results   in {@link CheckId} order
 */
public record CandidateChecks(String candidate, List<CheckResult> results) {

    public CandidateChecks {
        results = List.copyOf(results);
    }

    /** The worst verdict of the row. */
    public Verdict verdict() {
        return results.stream().map(CheckResult::verdict).reduce(Verdict.PASS, Verdict::worst);
    }

    /** True when no check failed. */
    public boolean eligible() {
        return verdict() != Verdict.FAIL;
    }

    /** The result of one check. */
    public Optional<CheckResult> result(CheckId check) {
        return results.stream().filter(r -> r.check() == check).findFirst();
    }

    /** The failed checks, for a refusal message. */
    public List<CheckResult> failures() {
        return results.stream().filter(r -> r.verdict() == Verdict.FAIL).toList();
    }

    /** The checks that warned. */
    public List<CheckResult> warnings() {
        return results.stream().filter(r -> r.verdict() == Verdict.WARN).toList();
    }
}
