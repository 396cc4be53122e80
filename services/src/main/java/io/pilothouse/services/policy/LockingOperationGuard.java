package io.pilothouse.services.policy;

import io.pilothouse.services.locks.LockUnavailableException;
import io.pilothouse.services.locks.OperationInProgressException;
import io.pilothouse.services.locks.OperationLock;
import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.model.ClusterSnapshot;

import java.util.function.Function;

/**
 * The gate, then the cluster's operation lock around the action. Lock trouble is a refusal inside the gate, so a
 * second operator's attempt is in the audit log too ("refused: switchover on demo in progress by ana@host"). While
 * the lock is held the operation is in the {@link OperationRegistry}, so every window shows it and other operations
 * and the notifier consult it.
 */
final class LockingOperationGuard implements OperationGuard {

    private final MutationGate gate;
    private final Function<ClusterSnapshot, OperationLock> locks;
    private final OperationRegistry registry;

    LockingOperationGuard(MutationGate gate, Function<ClusterSnapshot, OperationLock> locks,
                          OperationRegistry registry) {
        this.gate = gate;
        this.locks = locks;
        this.registry = registry;
    }

    @Override
    public <T> T run(MutationRequest request, ClusterSnapshot cluster, AuditedAction<T> action) throws Exception {
        return gate.run(request, trail -> {
            OperationLock lock = locks.apply(cluster);
            try (OperationLock.Held held = lock.acquire(cluster.scope(), request.action());
                 OperationRegistry.Registration running = registry.begin(cluster.scope(), request.action(),
                         request.target(), "operation lock " + held.key())) {
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
