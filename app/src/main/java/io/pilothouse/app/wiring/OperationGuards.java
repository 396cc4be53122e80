package io.pilothouse.app.wiring;

import io.pilothouse.services.locks.WorkspaceLocks;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.policy.SessionKind;
import io.pilothouse.services.workspace.Workspace;

/** Builds the guard every operation of a workspace runs inside: its read-only flag and the user's audit log. */
public final class OperationGuards {

    private OperationGuards() {
    }

    /** The guard for {@code workspace}, without operation locks (prefer the locking one). */
    public static OperationGuard forWorkspace(Workspace workspace) {
        return OperationGuard.gateOnly(new MutationGate(workspace.readOnly(), AuditLogs.open()));
    }

    /** The guard for {@code workspace}, taking each cluster's etcd lock from {@code locks}. */
    public static OperationGuard forWorkspace(Workspace workspace, WorkspaceLocks locks) {
        return OperationGuard.locking(new MutationGate(workspace.readOnly(), AuditLogs.open()), locks::lockFor);
    }

    /** As {@link #forWorkspace(Workspace, WorkspaceLocks)}, registering every run in {@code registry}. */
    public static OperationGuard forWorkspace(Workspace workspace, WorkspaceLocks locks,
                                              io.pilothouse.services.locks.OperationRegistry registry) {
        return forSession(SessionKind.OPERATOR, workspace, locks, registry);
    }

    /**
     * As {@link #forWorkspace(Workspace, WorkspaceLocks, io.pilothouse.services.locks.OperationRegistry)} for a
     * session of {@code kind}: a wall's guard refuses every mutation whatever the workspace says.
     */
    public static OperationGuard forSession(SessionKind kind, Workspace workspace, WorkspaceLocks locks,
                                            io.pilothouse.services.locks.OperationRegistry registry) {
        return OperationGuard.locking(new MutationGate(kind, workspace.readOnly(), AuditLogs.open()), locks::lockFor,
                registry);
    }
}
