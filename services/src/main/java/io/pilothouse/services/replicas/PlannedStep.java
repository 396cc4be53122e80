package io.pilothouse.services.replicas;

/**
 * One step of a replica operation: why it is there, what it does, what undoes it if a later step fails (null when
 * there is nothing to undo) and what to poll for progress while it runs (null when nothing).
 */
public record PlannedStep(String purpose, HostAction action, PlannedStep undo, ProgressWatch watch) {

    static PlannedStep of(String purpose, HostAction action) {
        return new PlannedStep(purpose, action, null, null);
    }

    PlannedStep undoneBy(PlannedStep undoStep) {
        return new PlannedStep(purpose, action, undoStep, watch);
    }

    PlannedStep watchedBy(ProgressWatch progress) {
        return new PlannedStep(purpose, action, undo, progress);
    }

    /** One line of a preview: {@code purpose: command}. */
    public String line() {
        return purpose + ": " + action.render();
    }

    /** Polled about once a second while a long step runs; prints what it sees. */
    @FunctionalInterface
    public interface ProgressWatch {
        void poll(java.util.function.Consumer<String> progress);
    }
}
