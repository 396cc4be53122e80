package io.pilothouse.app.cli;

import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.MovePreview;
import io.pilothouse.services.reshard.ReshardService;
import io.pilothouse.services.reshard.ReshardException;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** What the resharding commands share: errors mapped to exit codes, confirmation, the final report. */
final class ReshardRuns {

    private ReshardRuns() {
    }

    /** Runs {@code step}, turning refusals and failures into user errors with their exit codes. */
    static <T> T call(Callable<T> step) throws Exception {
        try {
            return step.call();
        } catch (ReadOnlyWorkspaceException e) {
            throw new UserException(e.getMessage() + "; open a workspace that is not read-only to make changes",
                    ClusterOperation.REFUSED);
        } catch (MutationRefusedException e) {
            throw new UserException(e.getMessage(), ClusterOperation.REFUSED);
        } catch (ReshardException e) {
            throw new UserException(e.getMessage(), switch (e.kind()) {
                case BAD_INPUT -> 2;
                case REFUSED -> ClusterOperation.REFUSED;
                case FAILED -> UserErrors.FAILED;
            });
        }
    }

    static boolean confirm(PrintWriter out, String what, String expected) {
        return ClusterOperation.confirm(out, what, expected, "partition name");
    }

    /**
     * With {@code dryRun}, prints the plan, its guard-rail refusals and every statement (exit 0, or 3 when refused);
     * else confirms (unless {@code yes}) and runs it, printing progress and the result.
     */
    static int planned(PrintWriter out, PrintWriter err, ReshardService service, MovePlan plan, PlanOptions options)
            throws Exception {
        boolean dryRun = options.dryRun;
        boolean yes = options.yes;
        boolean json = options.json;
        List<String> refusals = service.refusals(plan);
        if (dryRun) {
            if (json) {
                ReshardText.json(out, plan);
            } else {
                out.println("Plan " + plan.id() + ": " + plan.summary());
                out.printf("  ~%,d rows, %.1f MB on the source%n", plan.sourceRows(), plan.sourceBytes() / 1e6);
                plan.notes().forEach(n -> out.println("  note: " + n));
                refusals.forEach(r -> out.println("  REFUSED: " + r));
                MovePreview.statements(plan).forEach(out::println);
            }
            out.flush();
            return refusals.isEmpty() ? 0 : ClusterOperation.REFUSED;
        }
        if (!refusals.isEmpty()) {
            throw new UserException(String.join(" ", refusals), ClusterOperation.REFUSED);
        }
        // With --json, stdout carries the JSON only: the question and the progress lines go to stderr.
        PrintWriter text = json ? err : out;
        if (!yes && !confirm(text, plan.summary() + " (~" + plan.sourceRows() + " rows)?",
                plan.partition().toString())) {
            throw new UserException("not confirmed; nothing was done (pass --yes to skip the question)",
                    ClusterOperation.REFUSED);
        }
        text.println((plan.split() != null ? "Split " : "Move ") + plan.id() + " (journal: pilothouse reshard list)");
        text.flush();
        MoveRecord done = call(() -> service.move(plan, ReshardText.progress(out, json), () -> false));
        return report(out, done, json);
    }

    /** Prints the record; exit 0 when verified (or finished without a comparison), 1 on a mismatch. */
    static int report(PrintWriter out, MoveRecord r, boolean json) {
        if (json) {
            ReshardText.json(out, r);
        } else {
            ReshardText.result(out, r);
        }
        return r.verification() != null && !r.verification().matched() ? UserErrors.FAILED : 0;
    }
}
