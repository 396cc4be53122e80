package io.pilothouse.services.policy;

import io.pilothouse.services.model.ClusterSnapshot;

/**
 * What every operation on a cluster runs inside: the mutation gate (read-only refusal, audit record with the
 * operation's evidence) and, where the cluster's source has etcd, the advisory operation lock that tells a second
 * operator someone is already at work. Operations never call the gate directly, so none can skip either.
 */
public interface OperationGuard {

    /**
     * Runs {@code action} on {@code cluster} if allowed.
     *
     * @throws io.pilothouse.services.policy.ReadOnlyWorkspaceException in a read-only workspace
     * @throws io.pilothouse.services.policy.MutationRefusedException   when the audit log is unavailable, another
     *                                                                   operator holds the cluster's lock, or the
     *                                                                   action itself refused
     * @throws Exception                                                 whatever the action threw
     */
    <T> T run(MutationRequest request, ClusterSnapshot cluster, AuditedAction<T> action) throws Exception;

    /** True when every operation will be refused (the UI disables them and says why). */
    boolean isReadOnly();

    /** The gate, and inside it the lock {@code locks} gives for the cluster. */
    static OperationGuard locking(MutationGate gate,
                                  java.util.function.Function<ClusterSnapshot, io.pilothouse.services.locks.OperationLock> locks) {
        return new LockingOperationGuard(gate, locks, new io.pilothouse.services.locks.OperationRegistry());
    }

    /** As {@link #locking(MutationGate, java.util.function.Function)}, registering each run in {@code registry}. */
    static OperationGuard locking(MutationGate gate,
                                  java.util.function.Function<ClusterSnapshot, io.pilothouse.services.locks.OperationLock> locks,
                                  io.pilothouse.services.locks.OperationRegistry registry) {
        return new LockingOperationGuard(gate, locks, registry);
    }

    /** The gate alone, without a lock: for sources without etcd, and until a lock is configured. */
    static OperationGuard gateOnly(MutationGate gate) {
        return new OperationGuard() {
            @Override
            public <T> T run(MutationRequest request, ClusterSnapshot cluster, AuditedAction<T> action)
                    throws Exception {
                return gate.run(request, action);
            }

            @Override
            public boolean isReadOnly() {
                return gate.isReadOnly();
            }
        };
    }
}
