package io.pilothouse.app.wiring;

import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.workspace.Workspace;

import java.util.concurrent.Executor;

/**
 * What a session's feature wirings share: its workspace, live model, operation guard, the registry of operations
 * running, and the executor for their I/O.
 */
record SessionParts(Workspace workspace, EstateMonitor monitor, OperationGuard guard, OperationRegistry registry,
                    Executor io) {
}
