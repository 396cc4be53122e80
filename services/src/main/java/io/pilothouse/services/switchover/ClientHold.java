package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.policy.AuditTrail;

import java.util.function.Consumer;

/**
 * Something done to the clients around the leader change, e.g. holding them at PgBouncer: {@link #hold} once the
 * pre-checks passed, right before Patroni is asked, and {@link #release} always after a successful hold, whatever
 * the switchover did.
 */
public interface ClientHold {

    /** Nothing held. */
    ClientHold NONE = new ClientHold() {
        @Override
        public void hold(ClusterSnapshot before, AuditTrail trail, Consumer<String> note) {
        }

        @Override
        public VerificationItem release(ClusterSnapshot after, String expectedLeader, AuditTrail trail,
                                        Consumer<String> note) {
            return null;
        }
    };

    /**
     * Holds the clients. Throwing refuses the switchover with nothing sent to Patroni (and nothing held).
     */
    void hold(ClusterSnapshot before, AuditTrail trail, Consumer<String> note) throws Exception;

    /**
     * Patroni is about to be asked to hand the leader to {@code candidate}: a hold may start watching for it and let
     * clients go the moment it is reachable, before Patroni even answers. Never throws.
     */
    default void leaderRequested(ClusterSnapshot before, String candidate) {
    }

    /**
     * Lets the clients go (if not already gone once the candidate was reached); never throws.
     *
     * @param after          the cluster once the switchover settled or failed
     * @param expectedLeader the member that should lead now (the candidate, or the old leader when it failed)
     * @return the report's line about the clients, or null when there is nothing to say
     */
    VerificationItem release(ClusterSnapshot after, String expectedLeader, AuditTrail trail, Consumer<String> note);
}
