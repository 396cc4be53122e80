package io.pilothouse.services.reshard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One move as the journal keeps it: the plan, how far it got, and what it measured.
 *
 * @param plan         the plan
 * @param state        how far it got
 * @param cutover      cutover figures, once cut over
 * @param verification the comparison after the cutover, once made
 * @param lastError    why the last run stopped, or null
 * @param log          one line per step done, oldest first
 * @param updatedAt    when this was written
 */
public record MoveRecord(MovePlan plan, MoveState state, CutoverFigures cutover, Verification verification,
                         String lastError, List<String> log, Instant updatedAt) {

    public MoveRecord {
        log = log == null ? List.of() : List.copyOf(log);
    }

    /** A freshly planned move. */
    public static MoveRecord planned(MovePlan plan) {
        return new MoveRecord(plan, MoveState.PLANNED, null, null, null, List.of(), Instant.now());
    }

    /** The move id. */
    public String id() {
        return plan.id();
    }

    MoveRecord advanced(MoveState next, String line) {
        List<String> lines = new ArrayList<>(log);
        lines.add(Instant.now() + " " + line);
        return new MoveRecord(plan, next, cutover, verification, null, lines, Instant.now());
    }

    MoveRecord failed(String error) {
        return new MoveRecord(plan, state, cutover, verification, error, log, Instant.now());
    }

    MoveRecord withCutover(CutoverFigures figures) {
        return new MoveRecord(plan, state, figures, verification, lastError, log, Instant.now());
    }

    MoveRecord withVerification(Verification v) {
        return new MoveRecord(plan, state, cutover, v, lastError, log, Instant.now());
    }
}
