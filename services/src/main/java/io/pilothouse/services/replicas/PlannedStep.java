package io.pilothouse.services.replicas;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of a replica operation: why it is there, what it does, what undoes it if it or a later step fails (empty
 * when there is nothing to undo; run in the order given) and what to poll for progress while it runs (null when
 * nothing).
 */
public record PlannedStep(String purpose, HostAction action, List<PlannedStep> undo, ProgressWatch watch) {

    public PlannedStep {
        undo = undo == null ? List.of() : List.copyOf(undo);
    }

    static PlannedStep of(String purpose, HostAction action) {
        return new PlannedStep(purpose, action, List.of(), null);
    }

    /** This step with {@code undoStep} run after the undo steps it already has. */
    PlannedStep undoneBy(PlannedStep undoStep) {
        List<PlannedStep> more = new ArrayList<>(undo);
        more.add(undoStep);
        return new PlannedStep(purpose, action, more, watch);
    }

    PlannedStep watchedBy(ProgressWatch progress) {
        return new PlannedStep(purpose, action, undo, progress);
    }

    /** One line of a preview: {@code purpose: command}. */
    public String line() {
        return purpose + ": " + action.render();
    }

    /**
     * Polled about once a second while a long step runs; prints what it sees. Closed when the plan ends, whatever
     * happened (a watch may hold a connection that later steps share).
     */
    @FunctionalInterface
    public interface ProgressWatch extends AutoCloseable {
        void poll(java.util.function.Consumer<String> progress);

        @Override
        default void close() {
        }
    }
}
