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
}
