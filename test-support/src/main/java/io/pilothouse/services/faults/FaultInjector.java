package io.pilothouse.services.faults;

import io.pilothouse.services.sandbox.SandboxProcessRoles;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Crashes and freezes processes of one sandbox by role: {@code kill -9}, {@code SIGSTOP}, {@code SIGCONT}. Pids are
 * looked up live in the sandbox's own process table at each call (a postmaster Patroni restarted has a new pid), and
 * only processes whose command line names the sandbox directory are ever signalled.
 *
 * <pre>{@code
 * FaultInjector faults = new FaultInjector(own.dir());
 * faults.kill9(FaultTarget.postgresOf("node1"));
 * try (FaultInjector.Frozen f = faults.freeze(FaultTarget.patroniOf("node2"), FaultTarget.postgresOf("node2"))) { … }
 * }</pre>
 */
public final class FaultInjector {

    private static final Duration SIGNAL_GRACE = Duration.ofSeconds(10);

    private final Path sandboxDir;

    public FaultInjector(Path sandboxDir) {
        this.sandboxDir = sandboxDir;
    }

    /** The running pids of {@code target} now; empty when it does not run. */
    public List<Long> pids(FaultTarget target) {
        return switch (target.role()) {
            case POSTGRES -> SandboxProcessRoles.postgres(sandboxDir, target.member());
            case PATRONI -> SandboxProcessRoles.patroni(sandboxDir, target.member());
            case ETCD -> SandboxProcessRoles.etcd(sandboxDir);
        };
    }

    /** The postmaster pid of {@code member}, or 0 when none runs. */
    public long postmaster(String member) {
        return SandboxProcessRoles.postmaster(sandboxDir, member);
    }

    /**
     * SIGKILL to every process of {@code target}, as a crash would; returns once they are gone with the pids killed.
     *
     * @throws IllegalStateException if nothing of the target runs, or something survives
     */
    public List<Long> kill9(FaultTarget target) {
        List<Long> victims = require(target);
        if (!SandboxProcessRoles.kill9(victims, SIGNAL_GRACE)) {
            throw new IllegalStateException("Processes of " + target + " survived SIGKILL: " + victims);
        }
        return victims;
    }

    /**
     * SIGSTOP to every process of the targets (a paused VM, a long GC), returning once all are stopped. Close the
     * result to thaw them, in reverse order (so PostgreSQL runs again before its Patroni wakes up).
     */
    public Frozen freeze(FaultTarget... targets) {
        List<List<Long>> frozen = new ArrayList<>();
        try {
            for (FaultTarget target : targets) {
                List<Long> pids = require(target);
                frozen.add(pids);
                if (!SandboxProcessRoles.freeze(pids, SIGNAL_GRACE)) {
                    throw new IllegalStateException("Processes of " + target + " did not stop: " + pids);
                }
            }
        } catch (RuntimeException e) {
            thawAll(frozen);
            throw e;
        }
        return new Frozen(frozen);
    }

    private List<Long> require(FaultTarget target) {
        List<Long> pids = pids(target);
        if (pids.isEmpty()) {
            throw new IllegalStateException("Nothing of " + target + " runs in the sandbox " + sandboxDir);
        }
        return pids;
    }

    private static void thawAll(List<List<Long>> frozen) {
        for (int i = frozen.size() - 1; i >= 0; i--) {
            SandboxProcessRoles.thaw(frozen.get(i), SIGNAL_GRACE);
        }
    }

    /** Processes frozen by {@link #freeze}; {@link #close()} thaws them (once). */
    public static final class Frozen implements AutoCloseable {

        private final List<List<Long>> pids;
        private boolean thawed;

        private Frozen(List<List<Long>> pids) {
            this.pids = pids;
        }

        /** Every pid frozen. */
        public List<Long> pids() {
            return pids.stream().flatMap(List::stream).toList();
        }

        /** SIGCONT to every frozen process, last target first; returns once none is stopped any more. */
        @Override
        public synchronized void close() {
            if (!thawed) {
                thawed = true;
                thawAll(pids);
            }
        }
    }
}
