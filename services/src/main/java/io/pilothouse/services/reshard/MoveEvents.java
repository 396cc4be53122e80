package io.pilothouse.services.reshard;

/** What a running move reports: progress for the screen, and each statement run, for the audit record. */
public interface MoveEvents {

    /** Ignores everything. */
    MoveEvents NONE = new MoveEvents() {
        @Override
        public void progress(MoveProgress progress) {
        }

        @Override
        public void ran(ReshardNode node, String statement) {
        }
    };

    /** Progress; called from the move's thread. */
    void progress(MoveProgress progress);

    /** {@code statement} ran on {@code node} (passwords already replaced). */
    void ran(ReshardNode node, String statement);

    /**
     * A step has waited more than a few seconds: on what, with a way out ("waiting for prepared transaction
     * tx_0021_demo, 114 s old — resolve …, or cancel the step"); null once it no longer waits. Called from the move's
     * thread; by default shown as the progress step.
     */
    default void waiting(MoveState state, String step, String what) {
        progress(MoveProgress.step(state, what == null ? step : step + " — " + what));
    }
}
