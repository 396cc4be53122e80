package io.pilothouse.services.indoubt;

import java.util.List;
import java.util.Objects;

/**
 * What to do with a global transaction's branches, and why. Advice only: nothing here resolves anything; the
 * DBA confirms every {@code COMMIT PREPARED} / {@code ROLLBACK PREPARED}.
 *
 * @param action   the advised action for every remaining branch
 * @param summary  one sentence: the action and its main reason
 * @param evidence the facts behind it, one line each, most important first
 */
public record Advice(Action action, String summary, List<String> evidence) {

    public Advice {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(summary, "summary");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The advised action. */
    public enum Action {
        /** The coordinator decided to commit: commit every remaining branch. */
        COMMIT,
        /** The coordinator never decided to commit and is done with it: roll back every remaining branch. */
        ROLLBACK,
        /** The evidence does not settle it (or it may still be in progress): a person must decide, or wait. */
        DECIDE
    }
}
