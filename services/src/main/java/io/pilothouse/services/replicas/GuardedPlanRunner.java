package io.pilothouse.services.replicas;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.services.policy.OperationGuard;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a checked preview's steps the one way adding and removing share: refused before anything when a check failed;
 * otherwise inside the operation guard (read-only refusal, the etcd operation lock, the audit record) with every check,
 * every step run and every undo in the audit trail, and a report that a failure carries in its exception.
 */
final class GuardedPlanRunner {

    /**
     * What runs, as the audit record and the messages name it.
     *
     * @param action     the audit action, {@code replica-add} or {@code replica-remove}
     * @param doing      the verb of the messages, {@code adding} or {@code removing}
     * @param member     the replica
     * @param parameters what was asked, for the audit record
     */
    record Operation(String action, String doing, String member, Map<String, String> parameters) {
    }

    private final OperationGuard guard;

    GuardedPlanRunner(OperationGuard guard) {
        this.guard = guard;
    }

    /**
     * @throws ReplicaRefusedException when a check failed (nothing ran)
     * @throws ReplicaFailedException  when a step failed (what ran was undone as far as it could be)
     */
    ReplicaReport run(Operation op, CheckedPreview preview, TargetHost host, Consumer<String> progress)
            throws Exception {
        if (preview.refused()) {
            throw new ReplicaRefusedException(op.doing() + " " + op.member() + " refused; nothing was done:\n  "
                    + String.join("\n  ", preview.failures()));
        }
        ClusterSnapshot cluster = preview.cluster();
        MutationRequest request = new MutationRequest(op.action(), cluster.source() + "/" + cluster.scope(),
                op.member(), op.parameters());
        return guard.run(request, cluster, trail -> {
            preview.checks().forEach(c -> trail.check(c.name(), c.outcome().name().toLowerCase(Locale.ROOT),
                    c.reason()));
            long start = System.nanoTime();
            PlanRunner runner = new PlanRunner(host, progress);
            String failure = runner.run(preview.steps());
            runner.ran().forEach(trail::response);
            runner.undone().forEach(trail::response);
            ReplicaReport report = new ReplicaReport(op.action(), op.member(), host.describe(), preview.checks(),
                    runner.ran(), runner.undone(), runner.notes(), failure == null, PlanRunner.since(start));
            trail.result("elapsedMs", String.valueOf(report.elapsed().toMillis()));
            if (failure != null) {
                throw new ReplicaFailedException(op.doing() + " " + op.member() + " failed: " + failure, report);
            }
            return report;
        });
    }
}
