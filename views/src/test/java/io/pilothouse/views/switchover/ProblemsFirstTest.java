package io.pilothouse.views.switchover;

import io.pilothouse.services.switchover.CandidateChecks;
import io.pilothouse.services.switchover.CheckId;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.CheckResult;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Problems first: failing, then warning checks lead the matrix and the reasons; the rest keep the check order. */
class ProblemsFirstTest {

    private static CandidateChecks row(String name, Map<CheckId, Verdict> problems) {
        List<CheckResult> results = new ArrayList<>();
        for (CheckId id : CheckId.values()) {
            results.add(new CheckResult(id, problems.getOrDefault(id, Verdict.PASS), id.id() + " reason"));
        }
        return new CandidateChecks(name, results);
    }

    private static CheckMatrix matrix(CandidateChecks... rows) {
        return new CheckMatrix("src", "demo", OperationKind.SWITCHOVER, "node1", 3, List.of(rows), Instant.EPOCH);
    }

    @Test
    void failingThenWarningColumnsComeFirstOverEveryCandidate() {
        CheckMatrix m = matrix(row("node2", Map.of(CheckId.PREPARED_XACTS, Verdict.WARN)),
                row("node3", Map.of(CheckId.NOFAILOVER, Verdict.FAIL, CheckId.VERSION_SKEW, Verdict.WARN)));
        List<CheckId> order = ProblemsFirst.columnOrder(m);
        assertThat(order).hasSize(CheckId.values().length).doesNotHaveDuplicates();
        assertThat(order.subList(0, 3)).containsExactly(CheckId.NOFAILOVER, CheckId.PREPARED_XACTS,
                CheckId.VERSION_SKEW);
        // The passes follow in the stable check order.
        assertThat(order.subList(3, order.size())).isSortedAccordingTo((a, b) -> a.ordinal() - b.ordinal());
        assertThat(order.get(3)).isEqualTo(CheckId.LEADER_PRESENT);
    }

    @Test
    void withoutProblemsOrBeforeTheFirstReadTheCheckOrderIsKept() {
        assertThat(ProblemsFirst.columnOrder(null)).containsExactly(CheckId.values());
        assertThat(ProblemsFirst.columnOrder(matrix(row("node2", Map.of())))).containsExactly(CheckId.values());
    }

    @Test
    void reasonsAreSortedFailWarnPass() {
        CandidateChecks r = row("node3", Map.of(CheckId.VERSION_SKEW, Verdict.WARN, CheckId.LAG_BYTES, Verdict.FAIL,
                CheckId.REST_REACHABLE, Verdict.WARN));
        List<CheckResult> reasons = ProblemsFirst.reasons(r);
        assertThat(reasons).hasSize(CheckId.values().length);
        assertThat(reasons.subList(0, 3)).extracting(CheckResult::check)
                .containsExactly(CheckId.LAG_BYTES, CheckId.REST_REACHABLE, CheckId.VERSION_SKEW);
        assertThat(reasons.subList(3, reasons.size())).allMatch(c -> c.verdict() == Verdict.PASS);
        assertThat(ProblemsFirst.reasons(null)).isEmpty();
    }

    @Test
    void changedFiguresAreThoseWhoseVerdictOrReasonDiffers() {
        CandidateChecks before = row("node2", Map.of());
        List<CheckResult> after = new ArrayList<>(before.results());
        after.set(CheckId.LAG_BYTES.ordinal(), new CheckResult(CheckId.LAG_BYTES, Verdict.WARN, "18 MB behind"));
        after.set(CheckId.LONG_TRANSACTIONS.ordinal(), new CheckResult(CheckId.LONG_TRANSACTIONS, Verdict.PASS,
                "1 transaction open for 3 s"));
        List<FigureChanges.Change> changes = FigureChanges.between(before, new CandidateChecks("node2", after));
        assertThat(changes).extracting(c -> c.after().check())
                .containsExactly(CheckId.LAG_BYTES, CheckId.LONG_TRANSACTIONS);
        assertThat(changes.get(0).describe()).isEqualTo("Lag (bytes): was \u2713 pass (candidate.lag_bytes reason), "
                + "now ! warn (18 MB behind)");
        assertThat(FigureChanges.between(before, before)).isEmpty();
        assertThat(FigureChanges.between(null, before)).isEmpty();
    }
}
