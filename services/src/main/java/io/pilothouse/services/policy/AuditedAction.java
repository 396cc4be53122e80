package io.pilothouse.services.policy;

/**
 * A mutation run by the {@link MutationGate}, reporting its evidence to the trail it is given.
 *
 * @param <T> what it returns
 */
@FunctionalInterface
public interface AuditedAction<T> {

    /** Does the change; throw {@link MutationRefusedException} to refuse (audited as refused, not failed). */
    T run(AuditTrail trail) throws Exception;
}
