package io.pilothouse.views.switchover;

import io.pilothouse.services.switchover.CandidateChecks;
import io.pilothouse.services.switchover.CheckId;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.CheckResult;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.SwitchoverRequest;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The confirmation's words: what will happen, the warnings of the chosen candidate, and when the figures were read
 * (just before the confirmation) with what changed since the matrix was shown.
 */
final class LeaderChangeImpact {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private LeaderChangeImpact() {
    }

    static String describe(LeaderChangeWizardModel model) {
        SwitchoverRequest r = model.request();
        CandidateChecks row = model.selectedRow();
        StringBuilder s = new StringBuilder();
        String leader = model.cluster().leader();
        if (r.kind() == OperationKind.SWITCHOVER) {
            s.append(leader).append(" hands the leader role to ").append(r.candidate()).append(". Connections to ")
                    .append(leader).append(" are closed and writes stop until ").append(r.candidate())
                    .append(" is promoted (measured while it runs); ").append(leader)
                    .append(" then rejoins as a replica.");
        } else {
            s.append(r.candidate()).append(" is promoted").append(leader == null ? " although there is no leader"
                    : " in place of " + leader).append(". ");
            if (row != null) {
                row.result(CheckId.SYNCHRONOUS).ifPresent(c -> s.append("Data at risk: ").append(c.reason())
                        .append(". "));
            }
        }
        if (r.scheduledAt() != null) {
            s.append(" Patroni will do it at ").append(LeaderChangeWizardModel.SCHEDULE_FORMAT
                    .format(r.scheduledAt().atZone(model.zone()))).append(" (").append(model.zone().getId())
                    .append(").");
        }
        List<CheckResult> warnings = row == null ? List.of() : row.warnings();
        if (!warnings.isEmpty()) {
            s.append("\nWarnings: ");
            warnings.forEach(w -> s.append("\n  • ").append(w.check().title()).append(": ").append(w.reason()));
        }
        CheckMatrix m = model.matrixProperty().get();
        if (m != null && m.checkedAt() != null) {
            s.append("\nFigures read again at ").append(CLOCK.format(m.checkedAt().atZone(model.zone())));
            List<String> changed = model.changedProperty().get();
            if (changed.isEmpty()) {
                s.append(": nothing changed since the matrix was shown.");
            } else {
                s.append(": changed since the matrix was shown:");
                changed.forEach(c -> s.append("\n  \u25b8 ").append(c));
            }
        }
        return s.toString();
    }
}
