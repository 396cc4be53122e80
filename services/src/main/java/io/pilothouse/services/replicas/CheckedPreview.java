package io.pilothouse.services.replicas;

import io.pilothouse.services.model.ClusterSnapshot;

import java.util.List;

/** What is shown before a replica is added or removed: its checks decide whether anything runs. */
public interface CheckedPreview {

    /** The cluster as it was when the preview was made. */
    ClusterSnapshot cluster();

    /** The steps that run once confirmed, in order, each with the exact command. */
    List<PlannedStep> steps();

    /** The checks, each with its reason. */
    List<PreCheck> checks();

    /** The preview for a terminal, one line each. */
    List<String> lines();

    /** True when a check failed: nothing will run. */
    default boolean refused() {
        return checks().stream().anyMatch(c -> c.outcome() == CheckOutcome.FAIL);
    }

    /** The failed checks, one line each. */
    default List<String> failures() {
        return checks().stream().filter(c -> c.outcome() == CheckOutcome.FAIL).map(PreCheck::line).toList();
    }
}
