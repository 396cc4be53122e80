package io.pilothouse.views.switchover;

import io.pilothouse.services.switchover.CandidateChecks;
import io.pilothouse.services.switchover.CheckId;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.CheckResult;
import io.pilothouse.services.switchover.Verdict;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which the wizard shows checks: problems first. A matrix of 19 checks does not fit a laptop screen,
 * and a warning in the 14th column went unseen, so the columns of checks that failed for some candidate come first,
 * then those that warned, then the passes; within each group the stable {@link CheckId} order. The reasons of one
 * candidate are sorted the same way: fail, warn, pass. No JavaFX: tested without a toolkit.
 */
final class ProblemsFirst {

    private ProblemsFirst() {
    }

    /** The worst verdict of each check over every row of {@code matrix} (a check no row has counts as a pass). */
    static Map<CheckId, Verdict> worstPerCheck(CheckMatrix matrix) {
        Map<CheckId, Verdict> worst = new EnumMap<>(CheckId.class);
        Arrays.stream(CheckId.values()).forEach(id -> worst.put(id, Verdict.PASS));
        if (matrix != null) {
            for (CandidateChecks row : matrix.rows()) {
                for (CheckResult r : row.results()) {
                    worst.merge(r.check(), r.verdict(), Verdict::worst);
                }
            }
        }
        return worst;
    }

    /** Every check, those that failed for some candidate first, then those that warned, then the rest. */
    static List<CheckId> columnOrder(CheckMatrix matrix) {
        Map<CheckId, Verdict> worst = worstPerCheck(matrix);
        return Arrays.stream(CheckId.values())
                .sorted(Comparator.comparing((CheckId id) -> worst.get(id), Comparator.reverseOrder())
                        .thenComparing(Enum::ordinal))
                .toList();
    }

    /** The results of one candidate, failures first, then warnings, then passes; else in check order. */
    static List<CheckResult> reasons(CandidateChecks row) {
        if (row == null) {
            return List.of();
        }
        return row.results().stream()
                .sorted(Comparator.comparing(CheckResult::verdict, Comparator.reverseOrder())
                        .thenComparing(r -> r.check().ordinal()))
                .toList();
    }
}
