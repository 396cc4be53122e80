package io.pilothouse.services.policy;

/** Where the {@link MutationGate} records every mutation attempt. Implementations must be thread-safe. */
public interface AuditSink {

    /** Records nothing: for tests and for tools that keep no audit trail. */
    AuditSink NONE = record -> { };

    /**
     * Appends one record.
     *
     * @throws AuditException if it could not be stored
     */
    void record(AuditRecord record);

    /**
     * Checks, before a mutation runs, that its record will be storable, so that nothing changes unaudited.
     *
     * @throws AuditException with the reason when it will not be
     */
    default void ensureWritable() {
    }
}
