package io.pilothouse.views.switchover;

import io.pilothouse.services.switchover.CandidateChecks;
import io.pilothouse.services.switchover.CheckResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What changed for one candidate between the matrix the operator looked at and the one read again just before the
 * confirmation: lag grows, a transaction is prepared, a backup starts. A check whose verdict or reason (which carries
 * the figure) differs is a change. No JavaFX.
 */
final class FigureChanges {

    /** One check that reads differently now. */
    record Change(CheckResult before, CheckResult after) {

        /** "Lag (bytes): was ✓ pass (0 bytes behind), now ! warn (18 MB behind)". */
        String describe() {
            return after.check().title() + ": was " + SwitchoverStyles.mark(before.verdict()) + " (" + before.reason()
                    + "), now " + SwitchoverStyles.mark(after.verdict()) + " (" + after.reason() + ")";
        }
    }

    private FigureChanges() {
    }

    /**
     * The checks of {@code after} that read differently in {@code before}, worst verdict now first; a check that
     * is new in {@code after} counts as changed. Empty when either row is missing.
     */
    static List<Change> between(CandidateChecks before, CandidateChecks after) {
        if (before == null || after == null) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        for (CheckResult now : ProblemsFirst.reasons(after)) {
            CheckResult then = before.result(now.check())
                    .orElse(new CheckResult(now.check(), now.verdict(), "not checked"));
            if (then.verdict() != now.verdict() || !Objects.equals(then.reason(), now.reason())) {
                changes.add(new Change(then, now));
            }
        }
        return List.copyOf(changes);
    }
}
