package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.MovePlan;

import java.util.List;

/**
 * A plan as the preview page shows it.
 *
 * @param plan       the plan (nothing has changed yet)
 * @param refusals   guard-rail reasons the move must not run now, each a sentence; empty when it may
 * @param statements every statement the move will run, step by step, passwords replaced
 */
public record PlanReview(MovePlan plan, List<String> refusals, List<String> statements) {

    public PlanReview {
        refusals = List.copyOf(refusals);
        statements = List.copyOf(statements);
    }
}
