package io.pilothouse.services.policy;

import io.pilothouse.services.locks.LockUnavailableException;
import io.pilothouse.services.locks.OperationInProgressException;
import io.pilothouse.services.locks.OperationLock;
import io.pilothouse.services.model.ClusterSnapshot;

import java.util.function.Function;

/**
 * The gate, then the cluster's operation lock around the action. Lock trouble is a refusal inside the gate, so a
 * second operator's attempt is in the audit log too ("refused: switchover on demo in progress by ana@host").
 */
final class LockingOperationGuard implements OperationGuard {

    private final MutationGate gate;
    private final Function<ClusterSnapshot, OperationLock> locks;

    LockingOperationGuard(MutationGate gate, Function<ClusterSnapshot, OperationLock> locks) {
        this.gate = gate;
        this.locks = locks;
    }

    @Override
    public <T> T run(MutationRequest request, ClusterSnapshot cluster, AuditedAction<T> action) throws Exception {
        return gate.run(request, trail -> {
            OperationLock lock = locks.apply(cluster);
            try (OperationLock.Held held = lock.acquire(cluster.scope(), request.action())) {
                trail.result("lock", held.key());
                return action.run(trail);
            } catch (OperationInProgressException | LockUnavailableException e) {
                throw new MutationRefusedException(request, request.action() + " on " + cluster.scope()
                        + " refused: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public boolean isReadOnly() {
        return gate.isReadOnly();
    }
}
