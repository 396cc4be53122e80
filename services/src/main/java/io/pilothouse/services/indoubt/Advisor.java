package io.pilothouse.services.indoubt;

import io.pilothouse.services.indoubt.Advice.Action;
import io.pilothouse.services.indoubt.DecisionRecord.Source;
import io.pilothouse.services.model.PreparedBranch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Advises COMMIT, ROLLBACK or DECIDE for a global transaction from the evidence. The rules, first that applies:
 *
 * <ol>
 *   <li><b>Young</b>: every branch is younger than {@code minAge} and the coordinator is not known to have
 *       finished → DECIDE, "may still be in progress" (the coordinator is probably between its two phases right
 *       now; acting would race it).</li>
 *   <li><b>No decision source</b> configured → DECIDE: with branches gone, "gone from X: committed or rolled back
 *       there; check the application"; with all present, "no decision record configured".</li>
 *   <li><b>Decision committed</b> → COMMIT ("decision table: committed at …"; a gone branch was committed
 *       there).</li>
 *   <li><b>Decision not committed</b> → ROLLBACK. From the workspace's decision table this is <i>presumed
 *       abort</i>: a coordinator records its commit decision before the second phase, so no record, once it has
 *       finished or the transaction is older than the threshold, means it never decided to commit. From Citus it
 *       is Citus's own recovery rule: the coordinator inserts a {@code pg_dist_transaction} row per prepared branch
 *       in its local transaction and commits that before the second phase; Citus's recovery
 *       ({@code recover_prepared_transactions()}, run by its maintenance daemon) commits a branch it initiated that
 *       has a row and rolls back one that has none once it is no longer in progress.</li>
 *   <li><b>Decision unknown</b> (the source could not answer) → DECIDE.</li>
 * </ol>
 *
 * <p>Pure: no I/O, never resolves anything.
 */
public final class Advisor {

    private Advisor() {
    }

    /**
     * @param tx                  the global transaction
     * @param decision            what the decision source says, or null when none is configured (or applies)
     * @param coordinatorFinished true when the coordinator is known to be done with it (its process gone or
     *                            restarted, or the application says so)
     * @param now                 the time of the scan
     * @param minAge              below this age a transaction may still be in progress ({@code indoubt.minAgeSeconds})
     */
    public static Advice advise(GlobalTransaction tx, DecisionRecord decision, boolean coordinatorFinished,
                                Instant now, Duration minAge) {
        long age = tx.ageSeconds(now);
        long threshold = minAge.toSeconds();
        List<String> facts = facts(tx, now);

        if (age < threshold && !coordinatorFinished) {
            List<String> ev = new ArrayList<>();
            ev.add("may still be in progress: the youngest branch was prepared " + Ages.words(age) + " ago, under "
                    + "the " + Ages.words(threshold) + " threshold (indoubt.minAgeSeconds); the coordinator may be "
                    + "finishing it right now, so wait and look again");
            if (decision != null) {
                ev.add(decisionLine(tx, decision));
            }
            ev.addAll(facts);
            return new Advice(Action.DECIDE, "Wait: it may still be in progress", ev);
        }

        if (decision == null) {
            List<String> ev = new ArrayList<>();
            for (String gone : tx.missing()) {
                ev.add("gone from " + gone + ": committed or rolled back there; check the application"
                        + heuristic(tx));
            }
            ev.add("no decision record configured: nothing says what the coordinator decided (set "
                    + "indoubt.decision to the table it records decisions in)");
            ev.addAll(facts);
            String summary = tx.missing().isEmpty()
                    ? "Decide: no decision record configured; ask the application's owner"
                    : "Decide: branches are gone from " + String.join(", ", tx.missing())
                    + "; find out whether they committed there";
            return new Advice(Action.DECIDE, summary, ev);
        }

        List<String> ev = new ArrayList<>();
        ev.add(decisionLine(tx, decision));
        switch (decision.outcome()) {
            case COMMITTED -> {
                for (String gone : tx.missing()) {
                    ev.add("branch on " + gone + " already gone: committed there" + heuristic(tx));
                }
                ev.addAll(facts);
                return new Advice(Action.COMMIT, "Commit: " + (decision.source() == Source.CITUS_DIST_TRANSACTION
                        ? "the Citus coordinator committed it" : "the decision table records a commit"), ev);
            }
            case NOT_COMMITTED -> {
                ev.add(coordinatorFinished ? "the coordinator is known to have finished"
                        : "older than the threshold: the youngest branch was prepared " + Ages.words(age) + " ago ("
                        + "threshold " + Ages.words(threshold) + ")");
                if (decision.source() == Source.CITUS_DIST_TRANSACTION) {
                    ev.add("Citus's own recovery rule: a branch its coordinator initiated with no pg_dist_transaction "
                            + "row is rolled back once it is no longer in progress (the row is written and committed "
                            + "before any branch is committed)");
                } else {
                    ev.add("presumed abort: the coordinator records a commit before committing any branch, so "
                            + "without a record it never decided to commit");
                }
                for (String gone : tx.missing()) {
                    ev.add("gone from " + gone + ": it should have been rolled back there; if the application shows "
                            + "it committed there, do not roll back: the decision record is wrong" + heuristic(tx));
                }
                ev.addAll(facts);
                return new Advice(Action.ROLLBACK, "Roll back: " + (decision.source()
                        == Source.CITUS_DIST_TRANSACTION ? "the Citus coordinator never committed it"
                        : "no commit recorded (presumed abort)"), ev);
            }
            default -> {
                for (String gone : tx.missing()) {
                    ev.add("gone from " + gone + ": committed or rolled back there; check the application"
                            + heuristic(tx));
                }
                ev.addAll(facts);
                return new Advice(Action.DECIDE, "Decide: the decision record could not be read", ev);
            }
        }
    }

    private static String decisionLine(GlobalTransaction tx, DecisionRecord d) {
        boolean citus = d.source() == Source.CITUS_DIST_TRANSACTION;
        return switch (d.outcome()) {
            case COMMITTED -> citus
                    ? "pg_dist_transaction on " + d.where() + " has a row for " + tx.globalId()
                    + ": the coordinator committed"
                    : "decision table: committed at " + (d.decidedAt() == null ? "an unrecorded time"
                    : d.decidedAt().toString()) + " (" + d.where() + ")";
            case NOT_COMMITTED -> citus
                    ? "pg_dist_transaction on " + d.where() + " has no row for " + tx.globalId()
                    : "decision table: no commit recorded for " + tx.globalId() + " (" + d.where() + ")";
            case UNKNOWN -> (citus ? "pg_dist_transaction" : "decision table") + " could not answer (" + d.where()
                    + "): " + (d.detail() == null ? "no reason given" : d.detail());
        };
    }

    private static String heuristic(GlobalTransaction tx) {
        return GidPatterns.GLOBAL_NODE.equals(tx.pattern())
                ? " (expected because other transactions of the same family have a branch there: a heuristic)" : "";
    }

    /** The facts shown under every advice: how the gids were read, and what each branch costs. */
    private static List<String> facts(GlobalTransaction tx, Instant now) {
        List<String> out = new ArrayList<>(tx.notes());
        if (tx.unmatched()) {
            out.add("judged alone: other branches of the same transaction, if any, cannot be recognised");
        }
        for (Map.Entry<String, PreparedBranch> e : tx.branches().entrySet()) {
            PreparedBranch b = e.getValue();
            StringBuilder sb = new StringBuilder("branch ").append(e.getKey()).append(" on ").append(b.node().label())
                    .append(", database ").append(b.database()).append(": prepared ")
                    .append(Ages.words(b.ageSeconds(now))).append(" ago by ").append(b.owner());
            if (b.freezeMaxAge() > 0) {
                sb.append(", xid age ").append(b.xidAge()).append(" (")
                        .append(Math.round(100.0 * b.xidAge() / b.freezeMaxAge()))
                        .append(" % of autovacuum_freeze_max_age)");
            }
            if (!b.locks().isEmpty()) {
                sb.append(", ").append(b.locks().size()).append(b.locks().size() == 1 ? " lock" : " locks");
            }
            if (!b.blocked().isEmpty()) {
                sb.append(", blocking ").append(b.blocked().size())
                        .append(b.blocked().size() == 1 ? " session" : " sessions");
            }
            if (b.oldestXmin()) {
                sb.append(", holding VACUUM back on the node");
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** Durations for people. */
    static final class Ages {
        private Ages() {
        }

        static String words(long seconds) {
            if (seconds < 120) {
                return seconds + " s";
            }
            if (seconds < 2 * 3600) {
                return seconds / 60 + " min";
            }
            if (seconds < 2 * 86400) {
                return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
            }
            return seconds / 86400 + " days " + (seconds % 86400) / 3600 + " h";
        }
    }
}
