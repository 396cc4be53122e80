package io.pilothouse.services.replicas;

/**
 * A replica operation failed part-way; {@link #report()} says what ran, what failed and what was undone.
 */
public class ReplicaFailedException extends Exception {

    private final transient ReplicaReport report;

    public ReplicaFailedException(String message, ReplicaReport report) {
        super(message);
        this.report = report;
    }

    /** What ran, what failed and what was undone. */
    public ReplicaReport report() {
        return report;
    }
}
