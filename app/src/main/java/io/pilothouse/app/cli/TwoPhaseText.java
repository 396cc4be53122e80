package io.pilothouse.app.cli;

import io.pilothouse.services.sandbox.workload.TwoPhaseResult;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.Orphan;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.OrphanKind;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.Participant;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.Resolution;

/** The summary of {@code sandbox workload 2pc}, for the terminal. */
final class TwoPhaseText {

    private TwoPhaseText() {
    }

    static String describe(TwoPhaseResult result) {
        StringBuilder sb = new StringBuilder();
        sb.append("2pc workload: participants ");
        sb.append(String.join(", ", result.participants().stream().map(TwoPhaseText::participant).toList()));
        sb.append('\n');
        sb.append("  decision log tx_decisions on ").append(result.coordinator().name())
                .append("; table ledger in database postgres on every participant\n");
        int n = result.committed().size();
        sb.append("committed: ").append(n).append(n == 1 ? " transaction" : " transactions");
        if (n > 0) {
            sb.append(" (").append(result.committed().get(0));
            if (n > 1) {
                sb.append(" to ").append(result.committed().get(n - 1));
            }
            sb.append("), one ledger row each on every participant");
        }
        sb.append('\n');
        sb.append("orphans: ").append(result.orphans().size());
        if (result.orphans().isEmpty()) {
            return sb.append('\n').toString();
        }
        sb.append(" (prepared branches left behind on purpose)\n");
        int width = result.orphans().stream().mapToInt(o -> o.globalId().length()).max().orElse(0);
        for (Orphan o : result.orphans()) {
            String holders = String.join(", ", o.holders());
            sb.append(String.format("  %-" + width + "s  %-16s  branches on %s  ->  %s on %s (%s)%n", o.globalId(),
                    kind(o.kind()), holders, o.resolution() == Resolution.COMMIT ? "COMMIT PREPARED"
                            : "ROLLBACK PREPARED", holders, why(o)));
        }
        sb.append("  branch gids are <global id>_<participant>, e.g. ")
                .append(result.orphans().get(0).branches().get(0).gid())
                .append("; list them with: SELECT gid FROM pg_prepared_xacts\n");
        return sb.toString();
    }

    private static String participant(Participant p) {
        return p.name().equals(p.server()) ? p.name() + " (" + p.endpoint() + ")"
                : p.name() + " (leader " + p.server() + ", " + p.endpoint() + ")";
    }

    private static String kind(OrphanKind kind) {
        return kind == OrphanKind.NO_DECISION ? "no decision" : "partly committed";
    }

    private static String why(Orphan o) {
        return o.kind() == OrphanKind.NO_DECISION
                ? "the coordinator died before deciding: no row in tx_decisions"
                : "tx_decisions says commit; already committed on " + String.join(", ", o.committedOn());
    }
}
