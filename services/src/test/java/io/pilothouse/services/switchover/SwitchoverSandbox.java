package io.pilothouse.services.switchover;

import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.locks.WorkspaceLocks;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxSpec;
import io.pilothouse.services.testing.Closing;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A sandbox of a test's own with a live model on it and a switchover service as the app wires one (etcd operation
 * lock, audit log in the sandbox directory, writes allowed): what the sync and quorum tests share.
 */
final class SwitchoverSandbox implements AutoCloseable {

    private final OwnSandbox own;
    private final LiveModel live;
    private final WorkspaceLocks locks;
    private final SwitchoverService service;

    private SwitchoverSandbox(OwnSandbox own) {
        this.own = own;
        this.live = LiveModel.on(own.workspace());
        this.locks = new WorkspaceLocks(own.workspace(), Duration.ofSeconds(5));
        this.service = Switchovers.on(live.monitor(), live.executors(), LiveSettings.DEFAULTS,
                OperationGuard.locking(new MutationGate(false, new JsonLinesAuditLog(own.dir().resolve("audit.jsonl"))),
                        locks::lockFor),
                c -> null, SwitchoverSettings.DEFAULTS);
    }

    /** Starts a sandbox from the defaults changed by {@code spec} (directory under /tmp named by {@code prefix}). */
    static SwitchoverSandbox start(String prefix, UnaryOperator<SandboxSpec> spec) {
        return new SwitchoverSandbox(OwnSandbox.start(prefix, spec));
    }

    LiveModel live() {
        return live;
    }

    SwitchoverService service() {
        return service;
    }

    @Override
    public void close() {
        Closing.inOrder(locks, live, own);
    }
}
